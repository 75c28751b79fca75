package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.TaskContext;
import io.processflow.api.store.Store;
import io.processflow.runtime.internal.dag.DagIndex;
import io.processflow.runtime.internal.json.Json;
import io.processflow.runtime.internal.template.AirflowDates;
import io.processflow.runtime.schedule.DataInterval;
import io.processflow.runtime.schedule.RunType;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.time.RunTimer;
import io.processflow.runtime.time.TaskTimer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The context of one try of one task. What an operator wants a timeout's error to say is kept by
 * the engine for the tries that have an {@code executionTimeout} (see {@link EngineTry}), not here:
 * a context per try, so a field most never use would cost every task (RuntimeBench's B/task).
 */
class DefaultTaskContext implements TaskContext, RunTimer {
  final RunExecution run;
  private final String taskId;
  private final int tryNumber;

  DefaultTaskContext(RunExecution run, String taskId, int tryNumber) {
    this.run = run;
    this.taskId = taskId;
    this.tryNumber = tryNumber;
  }

  @Override
  public String runId() {
    return run.runId();
  }

  @Override
  public String dagId() {
    return run.dag().dagId();
  }

  @Override
  public String taskId() {
    return taskId;
  }

  @Override
  public Instant logicalDate() {
    return run.logicalDate();
  }

  @Override
  public Instant dataIntervalStart() {
    return dataInterval().start();
  }

  @Override
  public Instant dataIntervalEnd() {
    return dataInterval().end();
  }

  @Override
  public String runType() {
    return RunType.ofRunId(run.runId()).value();
  }

  /**
   * The run's data interval: its type is read from its id, its interval from the DAG's timetable.
   */
  private DataInterval dataInterval() {
    return run.dag().timetable().dataInterval(RunType.ofRunId(run.runId()), run.logicalDate());
  }

  @Override
  public int tryNumber() {
    return tryNumber;
  }

  @Override
  public Map<String, Object> params() {
    return run.params();
  }

  @Override
  public Store<RunState> store() {
    return run.store();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T xcomPull(String upstreamTaskId) {
    return (T) storedOutput(indexOf(upstreamTaskId), upstreamTaskId);
  }

  /** The output of task {@code i} ({@code taskId}) in the store's newest state. */
  final Object storedOutput(int i, String taskId) {
    RunState state = run.store().getState();
    return state instanceof RunStateImpl impl ? impl.output(i) : state.task(taskId).output();
  }

  /** The index of task {@code taskId} in the run's DAG (see EngineTry's faster path). */
  int indexOf(String taskId) {
    return DagIndex.of(run.dag()).indexOf(taskId);
  }

  @Override
  public TaskTimer runTimer() {
    return run.timer();
  }

  /** Nothing to keep: a try outside the engine has no timeout. */
  @Override
  public void onTimeout(Supplier<String> detail) {}

  /**
   * What an operator said about its try when the try's timeout fired: {@code "; "} and its words,
   * or {@code ""}. An operator's failure here must not stop the timeout, so it only adds a note.
   */
  static String timeoutDetail(Supplier<String> detail) {
    if (detail == null) {
      return "";
    }
    try {
      String words = detail.get();
      return words == null || words.isEmpty() ? "" : "; " + words;
    } catch (RuntimeException e) {
      return "; (its operator could not say what it was doing: " + e + ")";
    }
  }

  /** This try's own log, or {@code null} when the run keeps none (see {@link TryLogs}). */
  Consumer<String> tryLog() {
    return run.tryLogs().open(taskId, tryNumber);
  }

  @Override
  public String render(String template) {
    return TemplateEngine.defaultEngine().render(taskId + ".render", template, this);
  }

  @Override
  public String toJson() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("run_id", runId());
    view.put("dag_id", dagId());
    view.put("task_id", taskId);
    view.put("try_number", tryNumber);
    view.put("logical_date", AirflowDates.ts(logicalDate()));
    view.put("params", params());
    return Json.write(view);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
