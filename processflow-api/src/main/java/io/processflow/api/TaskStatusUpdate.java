package io.processflow.api;

import io.processflow.api.store.Action;
import java.time.Instant;
import java.util.Objects;

/**
 * A task changed state: the original's {@code operation_status_update}. The runtime dispatches one
 * for every transition of every task, so the run's store holds the whole run.
 *
 * @param runId the run
 * @param taskId the task
 * @param timestamp when it happened
 * @param state the task's new state
 * @param tryNumber the try this transition belongs to (1 for the first run)
 * @param error why it failed, with {@link TaskState#FAILED}; otherwise {@code null}
 * @param output the task's output, with {@link TaskState#SUCCESS}; otherwise {@code null}
 */
public record TaskStatusUpdate(
    String runId,
    String taskId,
    Instant timestamp,
    TaskState state,
    int tryNumber,
    TaskError error,
    Object output)
    implements Action {

  /** The action type, as the original names it. */
  public static final String TYPE = "operation_status_update";

  public TaskStatusUpdate {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
