package io.processflow.runtime.dsl;

import io.processflow.api.Operator;
import io.processflow.api.TriggerRule;
import java.lang.reflect.Type;
import java.time.Duration;

/** One validated task of a {@link DagDefinition}, with its options decided. */
public final class TaskDefinition {
  private final int index;
  private final String taskId;
  private final Operator operator;
  private final TaskKind kind;
  private final TaskOptions.ResolvedOptions options;

  TaskDefinition(
      int index,
      String taskId,
      Operator operator,
      TaskKind kind,
      TaskOptions.ResolvedOptions options) {
    this.index = index;
    this.taskId = taskId;
    this.operator = operator;
    this.kind = kind;
    this.options = options;
  }

  /** Its position in the DAG's declaration order, from 0. */
  public int index() {
    return index;
  }

  public String taskId() {
    return taskId;
  }

  public Operator operator() {
    return operator;
  }

  public TaskKind kind() {
    return kind;
  }

  /**
   * The declared type of its output, generics included, or {@code null} when undeclared (a resume
   * then reads the output as JSON's own values); see {@link TaskHandle#outputType(Type)}.
   */
  public Type outputType() {
    return options.outputType();
  }

  /** True when its failure neither fails its downstream tasks nor the run. */
  public boolean allowToFail() {
    return options.allowToFail();
  }

  /**
   * False when a resume must run this task again even if it succeeded; its output is not journaled.
   */
  public boolean resumable() {
    return options.resumable();
  }

  public int retries() {
    return options.retries();
  }

  public Duration retryDelay() {
    return options.retryDelay();
  }

  public boolean retryExponentialBackoff() {
    return options.retryExponentialBackoff();
  }

  /** The longest retry delay, or {@code null} for no limit. */
  public Duration maxRetryDelay() {
    return options.maxRetryDelay();
  }

  /** The longest a try may run, or {@code null} for no limit. */
  public Duration executionTimeout() {
    return options.executionTimeout();
  }

  public TriggerRule triggerRule() {
    return options.triggerRule();
  }

  /**
   * The queue its tries go to when task bodies run on workers (Airflow's {@code queue}); {@code
   * default} unless the task or the DAG's default args name another.
   */
  public String queue() {
    return options.queue();
  }

  /**
   * The wait before the try after failed try {@code tryNumber} (from 1), as Airflow's {@code
   * TaskInstance.next_retry_datetime} computes it: {@link #retryDelay()}; with exponential backoff,
   * {@code retryDelay * 2^(tryNumber - 1)} rounded up to whole seconds, at least 1 s and at most 24
   * hours (Airflow's {@code [core] max_task_retry_delay}), then at most {@link #maxRetryDelay()},
   * which (as in Airflow) bounds backoff only. Unlike Airflow there is no random jitter on top of
   * the backoff, so schedules are reproducible.
   */
  public Duration retryDelayAfter(int tryNumber) {
    Duration delay = retryDelay();
    if (!retryExponentialBackoff()) {
      return delay;
    }
    double seconds =
        (delay.getSeconds() + delay.getNano() / 1e9) * Math.pow(2, Math.max(tryNumber - 1, 0));
    long backoff =
        seconds >= MAX_RETRY_DELAY_SECONDS
            ? MAX_RETRY_DELAY_SECONDS
            : Math.max(1, (long) Math.ceil(seconds));
    Duration backedOff = Duration.ofSeconds(backoff);
    Duration max = maxRetryDelay();
    return max != null && backedOff.compareTo(max) > 0 ? max : backedOff;
  }

  /** Airflow's default {@code [core] max_task_retry_delay}: 24 hours. */
  private static final long MAX_RETRY_DELAY_SECONDS = 24 * 60 * 60;

  @Override
  public String toString() {
    return "Task[" + taskId + "]";
  }
}
