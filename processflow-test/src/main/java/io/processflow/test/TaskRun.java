package io.processflow.test;

import io.processflow.api.TaskError;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import java.time.Duration;

/**
 * One task as a run left it: its state, tries, output and error. From {@link DagRun#task} or a
 * {@link TaskTester} run; assert with {@link ProcessFlowAssertions}.
 */
public final class TaskRun {
  private final TaskInstance task;
  private final DagRun run;

  TaskRun(TaskInstance task, DagRun run) {
    this.task = task;
    this.run = run;
  }

  public String taskId() {
    return task.taskId();
  }

  public TaskState state() {
    return task.state();
  }

  /** How many times it started running. */
  public int tries() {
    return task.tryNumber();
  }

  /** Its output, typed by the caller, or null when it has none. */
  @SuppressWarnings("unchecked")
  public <T> T output() {
    return (T) task.output();
  }

  /** Why it failed, or null. */
  public TaskError error() {
    return task.error();
  }

  /** How long its last try ran, by the run's clock. */
  public Duration duration() {
    return task.duration();
  }

  /** The run it belongs to. */
  public DagRun run() {
    return run;
  }

  /** The runtime's view of it. */
  public TaskInstance instance() {
    return task;
  }

  @Override
  public String toString() {
    return "task '"
        + taskId()
        + "' "
        + state()
        + " after "
        + tries()
        + " tr"
        + (tries() == 1 ? "y" : "ies")
        + (error() == null ? "" : " (" + error().summary() + ")");
  }
}
