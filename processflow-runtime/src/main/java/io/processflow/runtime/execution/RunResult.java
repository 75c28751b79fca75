package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.runtime.dsl.DagDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** How a run ended, read from the final state of its store. */
public final class RunResult {
  private final RunState state;
  private final DagDefinition dag;

  RunResult(RunState state, DagDefinition dag) {
    this.state = state;
    this.dag = dag;
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

  /**
   * The run's summary, readable at any size and without a logging backend: per-state counts, each
   * failed task with its error, where it was thrown and how many tasks downstream it left
   * upstream_failed, the task table (for more than 50 tasks, a few ids of each state other than
   * success instead), and a last line naming the outcome and the failed tasks with their errors.
   */
  public String summary() {
    return SummaryText.summary(state, dag, duration(), false, null);
  }

  /**
   * {@link #summary()}, with the whole task table when {@code fullTable}, whatever the run's size.
   */
  public String summary(boolean fullTable) {
    return SummaryText.summary(state, dag, duration(), fullTable, null);
  }

  /**
   * {@link #summary(boolean)}, naming under each failed task where the log of its last try is:
   * {@code logOf} maps a task id and a try number to the log, or to {@code null} when it has none.
   */
  public String summary(boolean fullTable, BiFunction<String, Integer, Path> logOf) {
    return SummaryText.summary(state, dag, duration(), fullTable, logOf);
  }

  /** A table of every task: id, state, tries and duration, then the run's own line. */
  public String summaryTable() {
    StringBuilder table = new StringBuilder();
    SummaryText.table(table, state.tasks());
    table.append(
        String.format(
            Locale.ROOT,
            "dag %s, run %s: %s in %s%n",
            dagId(),
            runId(),
            state(),
            SummaryText.seconds(duration())));
    return table.toString();
  }

  @Override
  public String toString() {
    return "RunResult[" + dagId() + "/" + runId() + ": " + state() + "]";
  }
}
