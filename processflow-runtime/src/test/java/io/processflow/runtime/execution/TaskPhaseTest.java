package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import org.junit.jupiter.api.Test;

class TaskPhaseTest {
  @Test
  void eachPhaseReadsAsTheStateAirflowWouldShow() {
    assertThat(TaskPhase.state(TaskPhase.WAITING)).isEqualTo(TaskState.NONE);
    assertThat(TaskPhase.state(TaskPhase.READY)).isEqualTo(TaskState.SCHEDULED);
    assertThat(TaskPhase.state(TaskPhase.HANDED_OUT)).isEqualTo(TaskState.QUEUED);
    assertThat(TaskPhase.state(TaskPhase.SHELVED)).isEqualTo(TaskState.QUEUED);
    assertThat(TaskPhase.state(TaskPhase.IN_TRY)).isEqualTo(TaskState.RUNNING);
    assertThat(TaskPhase.state(TaskPhase.BACKING_OFF)).isEqualTo(TaskState.UP_FOR_RETRY);
    assertThat(TaskPhase.state(TaskPhase.ENDED_OK)).isEqualTo(TaskState.SUCCESS);
    assertThat(TaskPhase.state(TaskPhase.ENDED_FAILED)).isEqualTo(TaskState.FAILED);
    assertThat(TaskPhase.state(TaskPhase.ENDED_SKIPPED)).isEqualTo(TaskState.SKIPPED);
    assertThat(TaskPhase.state(TaskPhase.ENDED_UPSTREAM_FAILED))
        .isEqualTo(TaskState.UPSTREAM_FAILED);
  }

  @Test
  void onlyAFailedOrUpstreamFailedLeafFailsItsRun() {
    for (byte phase = TaskPhase.WAITING; phase <= TaskPhase.ENDED_UPSTREAM_FAILED; phase++) {
      assertThat(TaskPhase.failsRun(phase))
          .as("phase %d", phase)
          .isEqualTo(phase == TaskPhase.ENDED_FAILED || phase == TaskPhase.ENDED_UPSTREAM_FAILED);
    }
  }

  @Test
  void aRunLifecycleStopsThenEnds() {
    assertThat(RunLifecycle.RUNNING.stopping()).isFalse();
    assertThat(RunLifecycle.FAILING_FAST.stopping()).isTrue();
    assertThat(RunLifecycle.CANCELLING.stopping()).isTrue();
    assertThat(RunLifecycle.FINISHED.stopping()).isFalse();
    assertThat(RunLifecycle.FINISHED.over()).isTrue();
    assertThat(RunLifecycle.ABORTED.over()).isTrue();
    assertThat(RunLifecycle.CANCELLING.over()).isFalse();
  }
}
