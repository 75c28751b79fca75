package io.processflow.test;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.runtime.execution.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run that ended under {@link DagTester}: its state, and each task's. Assert with {@link
 * ProcessFlowAssertions}.
 */
public final class DagRun {
  private final RunResult result;
  private final Instant logicalDate;

  DagRun(RunResult result, Instant logicalDate) {
    this.result = Objects.requireNonNull(result, "result");
    this.logicalDate = logicalDate;
  }

  /** The runtime's result, with the store's final state. */
  public RunResult result() {
    return result;
  }

  public String dagId() {
    return result.dagId();
  }

  public String runId() {
    return result.runId();
  }

  public Instant logicalDate() {
    return logicalDate;
  }

  public DagRunState state() {
    return result.state();
  }

  /**
   * Task {@code taskId} as the run left it. @throws IllegalArgumentException when the DAG has no
   * such task
   */
  public TaskRun task(String taskId) {
    TaskInstance task;
    try {
      task = result.task(taskId);
    } catch (RuntimeException e) {
      task = null;
    }
    if (task == null) {
      List<String> ids = result.tasks().stream().map(TaskInstance::taskId).toList();
      throw new IllegalArgumentException(
          "DAG '" + dagId() + "' has no task '" + taskId + "'; its tasks are " + ids);
    }
    return new TaskRun(task, this);
  }

  /** The output of task {@code taskId}, typed by the caller (null when it has none). */
  @SuppressWarnings("unchecked")
  public <T> T output(String taskId) {
    return (T) task(taskId).output();
  }

  /** The ids of the tasks that ended in {@code state}, in declaration order. */
  public List<String> tasksIn(TaskState state) {
    return result.tasks().stream()
        .filter(t -> t.state() == state)
        .map(TaskInstance::taskId)
        .toList();
  }

  /** The runtime's summary table: every task's state, tries and duration. */
  public String summary() {
    return result.summaryTable();
  }

  @Override
  public String toString() {
    return "DagRun[" + dagId() + "/" + runId() + ": " + state() + "]";
  }
}
