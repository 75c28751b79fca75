package io.processflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One task in one run, as the run's store holds it: Airflow's task instance.
 *
 * @param taskId the task's id
 * @param state its current state
 * @param tryNumber how many times it has started running (0 before its first run)
 * @param startDate when its current try started running, or {@code null}
 * @param endDate when it reached a terminal state, or {@code null}
 * @param error why it failed, or {@code null}
 * @param output its output (Airflow's {@code return_value} XCom), or {@code null}
 */
public record TaskInstance(
    String taskId,
    TaskState state,
    int tryNumber,
    Instant startDate,
    Instant endDate,
    TaskError error,
    Object output) {

  public TaskInstance {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(state, "state");
  }

  /** A task that has not been scheduled yet. */
  public static TaskInstance initial(String taskId) {
    return new TaskInstance(taskId, TaskState.NONE, 0, null, null, null, null);
  }

  /** How long its last try ran; {@link Duration#ZERO} when it never ran or has not ended. */
  public Duration duration() {
    return startDate == null || endDate == null
        ? Duration.ZERO
        : Duration.between(startDate, endDate);
  }
}
