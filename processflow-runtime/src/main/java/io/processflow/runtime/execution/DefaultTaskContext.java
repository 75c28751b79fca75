package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.TaskContext;
import io.processflow.api.store.Store;
import io.processflow.runtime.json.Json;
import io.processflow.runtime.template.AirflowDates;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.time.RunTimer;
import io.processflow.runtime.time.TaskTimer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The context of one try of one task. */
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
    int i = run.dag().indexOf(upstreamTaskId);
    RunState state = run.store().getState();
    return (T) (state instanceof RunStateImpl impl ? impl.output(i) : state.task(upstreamTaskId).output());
  }

  @Override
  public TaskTimer runTimer() {
    return run.timer();
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
