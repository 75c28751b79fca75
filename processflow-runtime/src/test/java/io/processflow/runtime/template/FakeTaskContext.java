package io.processflow.runtime.template;

import io.processflow.api.RunState;
import io.processflow.api.TaskContext;
import io.processflow.api.store.Store;
import io.processflow.runtime.internal.template.AirflowDates;
import io.processflow.runtime.time.RunTimer;
import io.processflow.runtime.time.TaskTimer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A task context with fixed values and outputs, for template and operator tests; its run's timer is
 * the system's unless {@link #timer} sets one.
 */
public final class FakeTaskContext implements TaskContext, RunTimer {
  private final String taskId;
  private final Instant logicalDate;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final Map<String, Object> outputs = new HashMap<>();
  private final TemplateEngine engine;
  private int tryNumber = 1;
  private String runType = "manual";
  private TaskTimer timer = TaskTimer.system();

  public FakeTaskContext(String taskId, Instant logicalDate, TemplateEngine engine) {
    this.taskId = taskId;
    this.logicalDate = logicalDate;
    this.engine = engine;
  }

  public static FakeTaskContext at(String isoInstant) {
    return new FakeTaskContext("load", Instant.parse(isoInstant), TemplateEngine.defaultEngine());
  }

  public FakeTaskContext param(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /** The try this context runs: 1 unless set (a retry). */
  /** The run's type: {@code manual} (the default), {@code scheduled} or {@code backfill}. */
  public FakeTaskContext runType(String runType) {
    this.runType = runType;
    return this;
  }

  @Override
  public String runType() {
    return runType;
  }

  public FakeTaskContext tryNumber(int tryNumber) {
    this.tryNumber = tryNumber;
    return this;
  }

  /** The run's timer, which operators wait on. */
  public FakeTaskContext timer(TaskTimer timer) {
    this.timer = timer;
    return this;
  }

  @Override
  public TaskTimer runTimer() {
    return timer;
  }

  /** Nothing to keep: a fake context's try has no executionTimeout. */
  @Override
  public void onTimeout(Supplier<String> detail) {}

  public FakeTaskContext output(String upstream, Object value) {
    outputs.put(upstream, value);
    return this;
  }

  @Override
  public String runId() {
    return "manual__" + AirflowDates.ts(logicalDate);
  }

  @Override
  public String dagId() {
    return "etl";
  }

  @Override
  public String taskId() {
    return taskId;
  }

  @Override
  public Instant logicalDate() {
    return logicalDate;
  }

  @Override
  public int tryNumber() {
    return tryNumber;
  }

  @Override
  public Map<String, Object> params() {
    return java.util.Collections.unmodifiableMap(params);
  }

  @Override
  public Store<RunState> store() {
    throw new UnsupportedOperationException("no store in template tests");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T xcomPull(String upstream) {
    // The task itself is in the DAG too, with no output while its try runs.
    if (!outputs.containsKey(upstream) && !upstream.equals("empty") && !upstream.equals(taskId)) {
      throw new IllegalArgumentException("DAG 'etl' has no task '" + upstream + "'");
    }
    return (T) outputs.get(upstream);
  }

  @Override
  public String render(String template) {
    return engine.render(taskId + ".render", template, this);
  }

  @Override
  public String toJson() {
    return "{}";
  }
}
