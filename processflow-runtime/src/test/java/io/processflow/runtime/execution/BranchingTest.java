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
  void aBranchOutputMustNameDirectDownstreamTasks() {
    DagDefinition dag = dag();
    var pick = dag.tasks().get(DagIndex.of(dag).indexOf("pick"));
    assertThat(Branching.check(dag, pick, "left")).isNull();
    assertThat(Branching.check(dag, pick, List.of("left", "right"))).isNull();
    assertThat(Branching.check(dag, pick, null)).isNull();
    assertThat(Branching.check(dag, pick, "later").getMessage())
        .startsWith(
            "branch task 'pick' returned 'later', which is not one of its direct downstream tasks [")
        .contains("left", "right");
    assertThat(Branching.check(dag, pick, 42).getMessage())
        .startsWith("branch task 'pick' must return a task id or a collection of task ids")
        .endsWith("it returned 42 (java.lang.Integer)");
  }

  @Test
  void aShortCircuitOutputMustBeABoolean() {
    DagDefinition dag = dag();
    var check = dag.tasks().get(DagIndex.of(dag).indexOf("check"));
    assertThat(Branching.check(dag, check, false)).isNull();
    assertThat(Branching.check(dag, check, "no").getMessage())
        .isEqualTo(
            "short-circuit task 'check' must return a Boolean (false skips everything downstream); "
                + "it returned no (java.lang.String)");
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
