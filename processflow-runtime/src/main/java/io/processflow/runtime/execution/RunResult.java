package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** How a run ended, read from the final state of its store. */
public final class RunResult {
  private final RunState state;

  RunResult(RunState state) {
    this.state = state;
  }

  /** The store's final state. */
  public RunState finalState() {
    return state;
  }

  public String dagId() {
    return state.dagId();
  }

  public String runId() {
    return state.runId();
  }

  public DagRunState state() {
    return state.state();
  }

  public boolean succeeded() {
    return state.state() == DagRunState.SUCCESS;
  }

  public TaskInstance task(String taskId) {
    return state.task(taskId);
  }

  public List<TaskInstance> tasks() {
    return state.tasks();
  }

  public Duration duration() {
    return state.startDate() == null || state.endDate() == null
        ? Duration.ZERO
        : Duration.between(state.startDate(), state.endDate());
  }

  /** A table of every task: id, state, tries and duration, then the run's own line. */
  public String summaryTable() {
    int width = "task".length();
    for (TaskInstance task : state.tasks()) {
      width = Math.max(width, task.taskId().length());
    }
    String format = "%-" + width + "s  %-15s  %5s  %10s%n";
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, format, "task", "state", "tries", "duration"));
    table.append("-".repeat(width + 36)).append('\n');
    for (TaskInstance task : state.tasks()) {
      table.append(
          String.format(
              Locale.ROOT, format, task.taskId(), task.state(), task.tryNumber(), seconds(task.duration())));
    }
    table.append("-".repeat(width + 36)).append('\n');
    table.append(
        String.format(
            Locale.ROOT, "dag %s, run %s: %s in %s%n", dagId(), runId(), state(), seconds(duration())));
    return table.toString();
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3fs", duration.toNanos() / 1e9);
  }

  @Override
  public String toString() {
    return "RunResult[" + dagId() + "/" + runId() + ": " + state() + "]";
  }
}
