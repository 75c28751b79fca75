package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.store.Middleware;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a DAG once: run id, logical date, params, an optional bound on active tasks,
 * middleware for the run's store, a recorder (the journal) and the recorded run it resumes. Every
 * field has a default: {@code RunConfig.defaults()}.
 */
public final class RunConfig {
  private final String runId;
  private final Instant logicalDate;
  private final Map<String, Object> params;
  private final int maxActiveTasks;
  private final List<Middleware<RunState>> middleware;
  private final RunRecorder recorder;
  private final ResumePlan resume;

  private RunConfig(Builder builder) {
    this.logicalDate = builder.logicalDate;
    this.runId = builder.runId;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(builder.params));
    this.maxActiveTasks = builder.maxActiveTasks;
    this.middleware = List.copyOf(builder.middleware);
    this.recorder = builder.recorder;
    this.resume = builder.resume;
  }

  public static RunConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The run id, or {@code null} for Airflow's {@code manual__<logical date>}. */
  public String runId() {
    return runId;
  }

  /** The logical date, or {@code null} for the time the run starts. */
  public Instant logicalDate() {
    return logicalDate;
  }

  public Map<String, Object> params() {
    return params;
  }

  /** Overrides the DAG's and the runner's bound when positive. */
  public int maxActiveTasks() {
    return maxActiveTasks;
  }

  public List<Middleware<RunState>> middleware() {
    return middleware;
  }

  /** What records the run (such as its journal), or {@code null}. */
  public RunRecorder recorder() {
    return recorder;
  }

  /** The recorded run this run resumes, or {@code null} for a new run. */
  public ResumePlan resume() {
    return resume;
  }

  /** Builds a {@link RunConfig}. */
  public static final class Builder {
    private String runId;
    private Instant logicalDate;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private int maxActiveTasks;
    private final List<Middleware<RunState>> middleware = new ArrayList<>();
    private RunRecorder recorder;
    private ResumePlan resume;

    private Builder() {}

    public Builder runId(String runId) {
      this.runId = Objects.requireNonNull(runId, "runId");
      return this;
    }

    public Builder logicalDate(Instant logicalDate) {
      this.logicalDate = Objects.requireNonNull(logicalDate, "logicalDate");
      return this;
    }

    public Builder param(String name, Object value) {
      params.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    public Builder params(Map<String, ?> values) {
      values.forEach(this::param);
      return this;
    }

    public Builder maxActiveTasks(int maxActiveTasks) {
      if (maxActiveTasks < 1) {
        throw new IllegalArgumentException(
            "maxActiveTasks must be at least 1; was " + maxActiveTasks);
      }
      this.maxActiveTasks = maxActiveTasks;
      return this;
    }

    /** Adds a middleware to the run's store; the first added is the outermost. */
    public Builder middleware(Middleware<RunState> m) {
      middleware.add(Objects.requireNonNull(m, "middleware"));
      return this;
    }

    /** Records the run, e.g. {@code Journals.in(runsDir).recorder()}; off by default. */
    public Builder recorder(RunRecorder recorder) {
      this.recorder = Objects.requireNonNull(recorder, "recorder");
      return this;
    }

    /**
     * Resumes a recorded run instead of starting afresh (give the recorded run's id, logical date
     * and params too): see {@link ResumePlan}.
     */
    public Builder resume(ResumePlan plan) {
      this.resume = Objects.requireNonNull(plan, "plan");
      return this;
    }

    public RunConfig build() {
      return new RunConfig(this);
    }
  }
}
