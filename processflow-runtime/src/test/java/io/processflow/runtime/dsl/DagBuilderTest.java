package io.processflow.runtime.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.processflow.api.Operator;
import io.processflow.api.internal.graph.GraphMessage;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.api.internal.graph.TaskQueues;
import org.junit.jupiter.api.Test;

class DagBuilderTest {
  private static final Operator NOOP = ctx -> null;

  private static DagValidationException invalid(DagBuilder dag) {
    return catchThrowableOfType(DagValidationException.class, dag::build);
  }

  @Test
  void buildsAValidDagWithItsEdges() {
    DagBuilder dag = DagBuilder.dag("etl").description("demo").maxActiveTasks(3);
    TaskHandle extract = dag.task("extract", NOOP);
    TaskHandle a = dag.task("transform_a", NOOP);
    TaskHandle b = dag.task("transform_b", NOOP);
    TaskHandle load = dag.task("load", NOOP).allowToFail();
    extract.then(a, b).then(load);
    DagDefinition definition = dag.build();
    assertThat(definition.dagId()).isEqualTo("etl");
    assertThat(definition.description()).isEqualTo("demo");
    assertThat(definition.maxActiveTasks()).isEqualTo(3);
    assertThat(definition.taskIds())
        .containsExactly("extract", "transform_a", "transform_b", "load");
    assertThat(definition.downstreamIds("extract")).containsExactly("transform_a", "transform_b");
    assertThat(definition.upstreamIds("load")).containsExactly("transform_a", "transform_b");
    assertThat(definition.task("load").allowToFail()).isTrue();
    assertThat(definition.task("extract").allowToFail()).isFalse();
  }

  @Test
  void chainThenAfterAndIdsAllAddEdges() {
    DagBuilder dag = DagBuilder.dag("d");
    TaskHandle a = dag.task("a", NOOP);
    TaskHandle b = dag.task("b", NOOP);
    TaskHandle c = dag.task("c", NOOP);
    TaskHandle d = dag.task("d", NOOP);
    DagBuilder.chain(a, b, c);
    d.after(a);
    dag.dependency("c", "d");
    TaskList.of(a, b).then(TaskList.of(c, d));
    DagDefinition definition = dag.build();
    assertThat(definition.downstreamIds("a")).containsExactly("b", "d", "c");
    assertThat(definition.upstreamIds("d")).containsExactly("a", "c", "b");
  }

  @Test
  void dependsOnAddsEveryUpstreamEdgeAndUnknownIdsAreReported() {
    DagBuilder dag = DagBuilder.dag("d");
    dag.task("a", NOOP);
    dag.task("b", NOOP);
    dag.task("join", NOOP);
    dag.dependsOn("join", "a", "b");
    assertThat(dag.build().upstreamIds("join")).containsExactly("a", "b");
    dag.dependsOn("join", "c");
    assertThat(invalid(dag).problems())
        .containsExactly(
            GraphMessage.UNKNOWN_TASK.format(
                "edge c >> join", "c", "the DAG's task ids are a, b, join"));
  }

  @Test
  void duplicateEdgesCountOnce() {
    DagBuilder dag = DagBuilder.dag("d");
    TaskHandle a = dag.task("a", NOOP);
    TaskHandle b = dag.task("b", NOOP);
    a.then(b);
    a.then(b);
    dag.dependency("a", "b");
    assertThat(dag.build().upstreamIds("b")).containsExactly("a");
  }

  @Test
  void cycleIsReportedWithItsWholePath() {
    DagBuilder dag = DagBuilder.dag("etl");
    TaskHandle extract = dag.task("extract", NOOP);
    TaskHandle transform = dag.task("transform", NOOP);
    TaskHandle load = dag.task("load", NOOP);
    extract.then(transform).then(load).then(extract);
    assertThat(invalid(dag).problems())
        .containsExactly(
            GraphMessage.CYCLE.format("extract -> transform -> load -> extract", "edges"));
  }

  @Test
  void selfEdgeIsReported() {
    DagBuilder dag = DagBuilder.dag("d");
    TaskHandle a = dag.task("a", NOOP);
    a.then(a);
    assertThat(invalid(dag).problems())
        .containsExactly(
            GraphMessage.SELF_DEPENDENCY.format("a", "edge a >> a", "remove that edge"));
  }

  @Test
  void unknownIdsAreReportedWithASuggestion() {
    DagBuilder dag = DagBuilder.dag("etl");
    dag.task("extract", NOOP);
    dag.task("load", NOOP);
    dag.dependency("extrct", "load");
    dag.dependency("load", "nothing_like_it");
    assertThat(invalid(dag).problems())
        .containsExactly(
            "[ProcessFlow/UnknownTask] edge extrct >> load names unknown task 'extrct'; did you mean 'extract'?",
            "[ProcessFlow/UnknownTask] edge load >> nothing_like_it names unknown task 'nothing_like_it';"
                + " the DAG's task ids are extract, load");
  }

  @Test
  void duplicateBlankAndMalformedIdsAreReported() {
    DagBuilder dag = DagBuilder.dag("d");
    dag.task("a", NOOP);
    dag.task("", NOOP);
    dag.task("a", NOOP);
    dag.task("bad id", NOOP);
    dag.task(null, NOOP);
    assertThat(invalid(dag).problems())
        .containsExactly(
            GraphMessage.TASK_ID_BLANK.format(
                "task #2", "give every task an id (" + TaskIds.RULE + ")"),
            GraphMessage.TASK_ID_INVALID.format(
                "bad id", "task #4", TaskIds.RULE, "pass a valid id to task()"),
            GraphMessage.TASK_ID_BLANK.format(
                "task #5", "give every task an id (" + TaskIds.RULE + ")"),
            "[ProcessFlow/DuplicateId] duplicate task id 'a': declared by task #1 and by task #3; task ids"
                + " must be unique within a DAG, rename one of them");
  }

  @Test
  void invalidDagIdAndMissingOperatorAreReported() {
    DagBuilder dag = DagBuilder.dag("my dag");
    dag.task("a", null);
    assertThat(invalid(dag).problems())
        .containsExactly(
            "[ProcessFlow/InvalidId] DAG id 'my dag' is invalid: " + TaskIds.RULE,
            "task 'a' has no operator; pass a lambda or an operator to task()");
  }

  @Test
  void dagAndTaskIdsThatWouldEscapeTheRunsDirectoryAreReported() {
    for (String id : new String[] {"..", "."}) {
      DagBuilder dag = DagBuilder.dag(id);
      dag.task("..", NOOP);
      assertThat(invalid(dag).problems())
          .containsExactly(
              GraphMessage.DAG_ID_INVALID.format(id, "", TaskIds.RULE),
              GraphMessage.TASK_ID_INVALID.format(
                  "..", "task #1", TaskIds.RULE, "pass a valid id to task()"));
    }
  }

  @Test
  void aHugeDagIdIsReportedShortened() {
    DagBuilder dag = DagBuilder.dag("d".repeat(10_000));
    dag.task("a", NOOP);
    assertThat(invalid(dag).problems())
        .containsExactly(
            GraphMessage.DAG_ID_INVALID.format(
                "d".repeat(60) + "…(10000 characters)", "", TaskIds.RULE));
  }

  @Test
  void edgeToAnotherDagsTaskIsReported() {
    DagBuilder first = DagBuilder.dag("first");
    DagBuilder second = DagBuilder.dag("second");
    TaskHandle a = first.task("a", NOOP);
    TaskHandle b = second.task("b", NOOP);
    a.then(b);
    assertThat(invalid(first).problems())
        .containsExactly(
            "edge a >> b joins a task of DAG 'second' to DAG 'first'; wire only tasks declared on the same DagBuilder");
  }

  @Test
  void everyProblemIsListedInOneException() {
    DagBuilder dag = DagBuilder.dag("etl");
    TaskHandle a = dag.task("a", NOOP);
    TaskHandle b = dag.task("b", NOOP);
    dag.task("a", NOOP);
    a.then(b).then(a);
    b.then(b);
    dag.dependency("a", "zz");
    DagValidationException e = invalid(dag);
    assertThat(e.dagId()).isEqualTo("etl");
    assertThat(e.problems()).hasSize(4);
    assertThat(e.getMessage())
        .startsWith(
            "DAG 'etl' is invalid (4 problems):\n  - [ProcessFlow/DuplicateId] duplicate task id 'a'")
        .contains(
            "\n  - [ProcessFlow/SelfDependency] task 'b' depends on itself through edge b >> b")
        .contains("\n  - [ProcessFlow/UnknownTask] edge a >> zz names unknown task 'zz'")
        .contains("\n  - [ProcessFlow/Cycle] Found a dependency cycle: a -> b -> a");
  }

  @Test
  void aTaskTakesItsQueueElseTheDefaultArgsElseDefault() {
    DagBuilder dag = DagBuilder.dag("queues");
    dag.task("plain", NOOP);
    dag.task("train", NOOP).queue("gpu");
    assertThat(dag.build().task("plain").queue()).isEqualTo("default");
    assertThat(dag.build().task("train").queue()).isEqualTo("gpu");
    dag.defaultArgs().queue("etl");
    assertThat(dag.build().task("plain").queue()).isEqualTo("etl");
    assertThat(dag.build().task("train").queue()).isEqualTo("gpu");
  }

  @Test
  void aBadQueueNameIsRefusedNamingTheTaskAndTheRule() {
    TaskHandle train = DagBuilder.dag("queues").task("train", NOOP);
    for (String bad : new String[] {"", " ", "gpu large", "a,b", "gpu\n", "x\u00a0y"}) {
      assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> train.queue(bad)))
          .as("'%s'", bad)
          .hasMessage(
              GraphMessage.QUEUE_INVALID.format(
                  TaskQueues.shown(bad), "task 'train'", TaskQueues.RULE));
    }
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () -> DagBuilder.dag("queues").defaultArgs().queue("a b")))
        .hasMessageContaining("queue 'a b' of the DAG's default args is invalid");
    assertThat(TaskQueues.shown("gpu\n")).isEqualTo("gpu\\u000a");
  }

  @Test
  void validationOfALargeChainIsFast() {
    DagBuilder dag = DagBuilder.dag("big");
    TaskHandle previous = dag.task("t0", NOOP);
    for (int i = 1; i < 100_000; i++) {
      previous = previous.then(dag.task("t" + i, NOOP));
    }
    assertThat(dag.build().taskCount()).isEqualTo(100_000);
  }

  @Test
  void tasksDeclaredAcrossManyBlocksKeepTheirOrderIdsAndEdges() {
    // DagBuilder keeps declarations in blocks of 1,024: ids, handles and edges by index or by id
    // must resolve the same on both sides of every block boundary.
    int n = 5_000;
    DagBuilder dag = DagBuilder.dag("blocks");
    TaskHandle[] tasks = new TaskHandle[n];
    for (int i = 0; i < n; i++) {
      tasks[i] = dag.task("t" + i, NOOP);
    }
    for (int i = 1; i < n; i++) {
      tasks[i - 1].then(tasks[i]);
    }
    dag.dependency("t1023", "t4999").dependsOn("t2048", "t0", "t1024");
    assertThat(tasks[1024].taskId()).isEqualTo("t1024");
    assertThat(tasks[4097].taskId()).isEqualTo("t4097");
    DagDefinition definition = dag.build();
    assertThat(definition.taskIds()).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(definition.taskIds().get(i)).isEqualTo("t" + i);
    }
    assertThat(definition.upstreamIds("t1024")).containsExactly("t1023");
    assertThat(definition.upstreamIds("t4999")).containsExactlyInAnyOrder("t4998", "t1023");
    assertThat(definition.upstreamIds("t2048")).containsExactlyInAnyOrder("t2047", "t0", "t1024");
    assertThat(definition.downstreamIds("t1023")).containsExactlyInAnyOrder("t1024", "t4999");

    DagBuilder wrong = DagBuilder.dag("blocks_wrong");
    for (int i = 0; i < 3_000; i++) {
      wrong.task(i == 2_500 ? "t3" : "t" + i, NOOP);
    }
    wrong.dependency("t2999", "t9999");
    assertThat(invalid(wrong).problems())
        .anySatisfy(p -> assertThat(p).contains("'t3'").contains("task #4").contains("task #2501"))
        .anySatisfy(p -> assertThat(p).contains("edge t2999 >> t9999").contains("'t9999'"));
  }
}
