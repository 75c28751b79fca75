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
   * The wait before the try after failed try {@code tryNumber} (from 1): {@link #retryDelay()}, or
   * with exponential backoff {@code retryDelay * 2^(tryNumber - 1)}; at most {@link
   * #maxRetryDelay()}. Unlike Airflow there is no random jitter, so schedules are reproducible.
   */
  public Duration retryDelayAfter(int tryNumber) {
    Duration delay = retryDelay();
    if (retryExponentialBackoff()) {
      int doublings = Math.min(Math.max(tryNumber - 1, 0), 62);
      try {
        delay = delay.multipliedBy(1L << doublings);
      } catch (ArithmeticException overflow) {
        delay = Duration.ofSeconds(Long.MAX_VALUE / 4);
      }
    }
    Duration max = maxRetryDelay();
    return max != null && delay.compareTo(max) > 0 ? max : delay;
  }

  @Override
  public String toString() {
    return "Task[" + taskId + "]";
  }
}
