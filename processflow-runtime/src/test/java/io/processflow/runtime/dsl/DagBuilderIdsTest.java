package io.processflow.runtime.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.processflow.api.Operator;
import io.processflow.api.internal.graph.GraphMessage;
import io.processflow.api.internal.graph.TaskIds;
import org.junit.jupiter.api.Test;

/**
 * The ids as {@link DagBuilder} checks and hashes them when each task is declared: a DAG whose ids
 * are all valid is indexed from those hashes, one with a wrong task is checked id by id at build;
 * both find the same duplicates, unknown ids and cycles, in the same words.
 */
class DagBuilderIdsTest {
  private static final Operator NOOP = ctx -> null;

  private static DagValidationException invalid(DagBuilder dag) {
    return catchThrowableOfType(DagValidationException.class, dag::build);
  }

  /** An id equal to {@code id} that is another String object. */
  private static String copy(String id) {
    return new String(id.toCharArray());
  }

  private static String duplicate(String id, int first, int again) {
    return GraphMessage.DUPLICATE_ID.format(
        id, "task #" + first, "task #" + again, "rename one of them");
  }

  @Test
  void anIdEqualToAnotherButNotTheSameStringIsADuplicate() {
    String a = "a";
    DagBuilder dag = DagBuilder.dag("d");
    dag.task(a, NOOP);
    dag.task("b", NOOP);
    dag.task(copy(a), NOOP);
    assertThat(invalid(dag).problems()).containsExactly(duplicate("a", 1, 3));
  }

  @Test
  void idsWithEqualHashesAreDistinctTasksAndFoundByEqualStrings() {
    // "Aa" and "BB" have the same String hash; so have all four of these.
    String[] ids = {"AaAa", "BBBB", "AaBB", "BBAa"};
    assertThat(ids[0].hashCode()).isEqualTo(ids[1].hashCode()).isEqualTo(ids[3].hashCode());
    DagBuilder dag = DagBuilder.dag("d");
    for (String id : ids) {
      dag.task(id, NOOP);
    }
    dag.dependency(copy("AaAa"), copy("BBAa")).dependency("BBBB", "BBAa");
    DagDefinition definition = dag.build();
    for (int i = 0; i < ids.length; i++) {
      assertThat(definition.task(copy(ids[i])).index()).isEqualTo(i);
    }
    assertThat(definition.upstreamIds("BBAa")).containsExactly("AaAa", "BBBB");
    assertThat(definition.hasTask("BaAa")).isFalse();

    DagBuilder again = DagBuilder.dag("d");
    for (String id : ids) {
      again.task(id, NOOP);
    }
    again.task(copy("AaBB"), NOOP);
    again.task("BBBB", NOOP);
    assertThat(invalid(again).problems())
        .containsExactly(duplicate("AaBB", 3, 5), duplicate("BBBB", 2, 6));
  }

  @Test
  void anUnknownIdIsNeverSuggestedAsTheTaskThatNamesIt() {
    DagBuilder dag = DagBuilder.dag("d");
    dag.task("b", NOOP);
    dag.task("load", NOOP);
    // 'a' is one letter from 'b', the task that names it: following that would be a self-edge.
    dag.dependency("a", "b");
    assertThat(invalid(dag).problems())
        .containsExactly(
            GraphMessage.UNKNOWN_TASK.format("edge a >> b", "a", "the DAG's task ids are b, load"));
  }

  @Test
  void duplicatesUnknownIdsAndCyclesReadTheSameWithOrWithoutAWrongTask() {
    for (boolean wrongTask : new boolean[] {false, true}) {
      DagBuilder dag = DagBuilder.dag("d");
      TaskHandle a = dag.task("a", NOOP);
      TaskHandle b = dag.task("b", NOOP);
      dag.task(copy("a"), NOOP);
      if (wrongTask) {
        dag.task("c", null);
      }
      a.then(b);
      b.then(a);
      dag.dependency("b", "zz");
      String cycle = GraphMessage.CYCLE.format("a -> b -> a", "edges");
      String unknown =
          GraphMessage.UNKNOWN_TASK.format(
              "edge b >> zz", "zz", "the DAG's task ids are a, b, a" + (wrongTask ? ", c" : ""));
      if (wrongTask) {
        assertThat(invalid(dag).problems())
            .containsExactly(
                "task 'c' has no operator; pass a lambda or an operator to task()",
                duplicate("a", 1, 3),
                unknown,
                cycle);
      } else {
        assertThat(invalid(dag).problems()).containsExactly(duplicate("a", 1, 3), unknown, cycle);
      }
    }
  }

  @Test
  void aWrongIdAmongValidOnesIsReportedWithItsPosition() {
    DagBuilder dag = DagBuilder.dag("d");
    for (int i = 0; i < 2_000; i++) {
      dag.task(i == 1_500 ? "bad id" : "t" + i, NOOP);
    }
    dag.task("t7", NOOP);
    assertThat(invalid(dag).problems())
        .containsExactly(
            GraphMessage.TASK_ID_INVALID.format(
                "bad id", "task #1501", TaskIds.RULE, "pass a valid id to task()"),
            duplicate("t7", 8, 2_001));
  }

  @Test
  void upstreamTasksInAnyOrderRepeatedOrNotKeepTheirFirstEdgeOrder() {
    DagBuilder dag = DagBuilder.dag("d");
    TaskHandle[] t = new TaskHandle[5];
    for (int i = 0; i < t.length; i++) {
      t[i] = dag.task("t" + i, NOOP);
    }
    t[4].after(t[3], t[1], t[3], t[2]);
    t[2].after(t[0], t[1], t[0]);
    t[1].after(t[0]);
    DagDefinition definition = dag.build();
    assertThat(definition.upstreamIds("t4")).containsExactly("t3", "t1", "t2");
    assertThat(definition.upstreamIds("t2")).containsExactly("t0", "t1");
    assertThat(definition.downstreamIds("t0")).containsExactly("t2", "t1");
    assertThat(definition.downstreamIds("t3")).containsExactly("t4");
  }
}
