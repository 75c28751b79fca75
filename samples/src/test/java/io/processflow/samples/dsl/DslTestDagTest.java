package io.processflow.samples.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DslTestDagTest {
  @Test
  void runsTheOriginalsStoryAndTheDagsReducerAcknowledges() {
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(DslTestDag.dag());
    }
    assertThat(result.succeeded()).isTrue();
    assertThat(result.task("task_1").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("task_2").state()).isEqualTo(TaskState.SUCCESS);
    assertThat((String) result.task("task_2").output()).startsWith("processflow_test_dag_task_2_");
    assertThat(result.finalState().appState(Map.class)).containsEntry("ack", true);
  }
}
