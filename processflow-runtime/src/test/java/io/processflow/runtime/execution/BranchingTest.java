package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.internal.dag.DagIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class BranchingTest {
  private static DagDefinition dag() {
    DagBuilder dag = DagBuilder.dag("branching");
    dag.branch("pick", ctx -> "left");
    dag.task("left", ctx -> null);
    dag.task("right", ctx -> null);
    dag.shortCircuit("check", ctx -> false);
    dag.task("after", ctx -> null);
    dag.task("later", ctx -> null);
    dag.dependency("pick", "left");
    dag.dependency("pick", "right");
    dag.dependency("check", "after");
    dag.dependency("after", "later");
    return dag.build();
  }

  @Test
  void aBranchOutputMustNameTasksOfTheDag() {
    DagDefinition dag = dag();
    var pick = dag.tasks().get(DagIndex.of(dag).indexOf("pick"));
    assertThat(Branching.check(dag, pick, "left")).isNull();
    assertThat(Branching.check(dag, pick, List.of("left", "right"))).isNull();
    assertThat(Branching.check(dag, pick, null)).isNull();
    // As Airflow's skip_all_except: any task of the DAG, not only a direct downstream one.
    assertThat(Branching.check(dag, pick, "later")).isNull();
    assertThat(Branching.check(dag, pick, List.of("left", "nowhere")).getMessage())
        .isEqualTo(
            "branch task 'pick' returned 'nowhere', which is no task of DAG 'branching'; a branch"
                + " follows tasks of its DAG, usually among its direct downstream tasks [left, right]");
    assertThat(Branching.check(dag, pick, List.of(7)).getMessage())
        .isEqualTo(
            "branch task 'pick' returned 7 (java.lang.Integer) among its ids; task ids are strings,"
                + " such as [left, right]");
    assertThat(Branching.check(dag, pick, 42).getMessage())
        .startsWith("branch task 'pick' must return a task id or a collection of task ids")
        .endsWith("it returned 42 (java.lang.Integer)");
  }

  @Test
  void anyShortCircuitOutputIsAConditionThatPythonsTruthDecides() {
    DagDefinition dag = dag();
    int check = DagIndex.of(dag).indexOf("check");
    var task = dag.tasks().get(check);
    int[] everythingDownstream = {
      DagIndex.of(dag).indexOf("after"), DagIndex.of(dag).indexOf("later")
    };
    List<Object> falsy =
        java.util.Arrays.asList(
            false,
            null,
            0,
            0L,
            0.0,
            java.math.BigDecimal.ZERO,
            "",
            List.of(),
            java.util.Map.of(),
            new int[0],
            new String[0],
            java.util.Optional.empty(),
            java.util.Optional.of(""));
    for (Object condition : falsy) {
      assertThat(Branching.check(dag, task, condition)).isNull();
      assertThat(Branching.skipped(dag, check, task, condition))
          .as("%s skips", condition)
          .containsExactlyInAnyOrder(everythingDownstream);
    }
    List<Object> truthy =
        List.of(
            true,
            1,
            -1L,
            0.5,
            Double.NaN,
            "no",
            "false",
            List.of("row"),
            java.util.Map.of("k", 0),
            new int[] {0},
            java.util.Optional.of("x"),
            new Object());
    for (Object condition : truthy) {
      assertThat(Branching.check(dag, task, condition)).isNull();
      assertThat(Branching.skipped(dag, check, task, condition)).as("%s skips", condition).isNull();
    }
  }

  @Test
  void whatAValidOutputSkips() {
    DagDefinition dag = dag();
    int pick = DagIndex.of(dag).indexOf("pick");
    int check = DagIndex.of(dag).indexOf("check");
    assertThat(Branching.skipped(dag, pick, dag.tasks().get(pick), "left"))
        .containsExactly(DagIndex.of(dag).indexOf("right"));
    assertThat(Branching.skipped(dag, pick, dag.tasks().get(pick), null))
        .containsExactlyInAnyOrder(
            DagIndex.of(dag).indexOf("left"), DagIndex.of(dag).indexOf("right"));
    assertThat(Branching.skipped(dag, check, dag.tasks().get(check), false))
        .containsExactlyInAnyOrder(
            DagIndex.of(dag).indexOf("after"), DagIndex.of(dag).indexOf("later"));
    assertThat(Branching.skipped(dag, check, dag.tasks().get(check), true)).isNull();
    int left = DagIndex.of(dag).indexOf("left");
    assertThat(Branching.skipped(dag, left, dag.tasks().get(left), "anything")).isNull();
  }
}
