package io.processflow.runtime.dsl;

import java.util.List;
import java.util.Objects;

/**
 * A task being declared in a {@link DagBuilder}: set its options and wire it. Airflow's
 * {@code a >> b} is {@code a.then(b)}, {@code a >> [b, c]} is {@code a.then(b, c)}, and
 * {@code [b, c] >> d} is {@code TaskList.of(b, c).then(d)}.
 */
public final class TaskHandle {
  private final DagBuilder builder;
  private final String taskId;
  private boolean allowToFail;

  TaskHandle(DagBuilder builder, String taskId) {
    this.builder = builder;
    this.taskId = taskId;
  }

  public String taskId() {
    return taskId;
  }

  /** Lets this task fail without failing its downstream tasks or the run (the original's flag). */
  public TaskHandle allowToFail() {
    return allowToFail(true);
  }

  /** Sets whether this task may fail without failing its downstream tasks or the run. */
  public TaskHandle allowToFail(boolean allow) {
    this.allowToFail = allow;
    return this;
  }

  boolean allowsFailure() {
    return allowToFail;
  }

  DagBuilder builder() {
    return builder;
  }

  /** {@code this >> next}; returns {@code next} so chains read left to right. */
  public TaskHandle then(TaskHandle next) {
    builder.edge(this, next);
    return next;
  }

  /** {@code this >> [first, more...]}: fan-out; returns the list so it can fan back in. */
  public TaskList then(TaskHandle first, TaskHandle... more) {
    TaskList next = TaskList.of(first, more);
    return then(next);
  }

  /** {@code this >> list}; returns the list. */
  public TaskList then(TaskList next) {
    for (TaskHandle task : next) {
      builder.edge(this, task);
    }
    return next;
  }

  /** {@code upstream >> this}: Airflow's {@code this << upstream}; returns this. */
  public TaskHandle after(TaskHandle... upstream) {
    for (TaskHandle task : upstream) {
      builder.edge(Objects.requireNonNull(task, "upstream task"), this);
    }
    return this;
  }

  /** The ids of the tasks declared upstream of this one so far. */
  public List<String> upstreamIds() {
    return builder.upstreamIdsOf(taskId);
  }

  @Override
  public String toString() {
    return "TaskHandle[" + taskId + "]";
  }
}
