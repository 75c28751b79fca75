package io.processflow.runtime.dsl;

import io.processflow.api.TriggerRule;
import io.processflow.api.internal.graph.GraphMessage;
import io.processflow.api.internal.graph.TaskQueues;
import java.time.Duration;
import java.util.Objects;

/**
 * Failure and scheduling options of a task: Airflow's {@code retries}, {@code retry_delay}, {@code
 * retry_exponential_backoff}, {@code max_retry_delay}, {@code execution_timeout}, {@code
 * trigger_rule}, {@code queue}, plus the original's {@code allowToFail}. An option left unset
 * inherits the DAG's {@link DagBuilder#defaultArgs() default args}, then Airflow's default.
 */
public final class TaskOptions {
  /** The queue of a task that names none, and the one a worker serves by default. */
  public static final String DEFAULT_QUEUE = TaskQueues.DEFAULT;

  /** What a queue name may be, in words, for error messages: see {@link #isValidQueue}. */
  public static final String QUEUE_RULE = TaskQueues.RULE;

  /** Airflow's default {@code retry_delay}. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(5);

  Integer retries;
  Duration retryDelay;
  Boolean retryExponentialBackoff;
  Duration maxRetryDelay;
  Duration executionTimeout;
  TriggerRule triggerRule;
  String queue;
  Boolean allowToFail;
  Boolean resumable;

  /** A task's own, set through {@link TaskHandle#outputType}; never inherited. */
  java.lang.reflect.Type outputType;

  TaskOptions() {}

  /** How many times a failed task is tried again (default 0). */
  public TaskOptions retries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more; was " + retries);
    }
    this.retries = retries;
    return this;
  }

  /** How long to wait before a retry (default 5 minutes). */
  public TaskOptions retryDelay(Duration delay) {
    this.retryDelay = positive("retryDelay", delay);
    return this;
  }

  /**
   * Doubles the delay after each failed try: {@code retryDelay * 2^(try - 1)}, capped by {@link
   * #maxRetryDelay}.
   */
  public TaskOptions retryExponentialBackoff(boolean exponential) {
    this.retryExponentialBackoff = exponential;
    return this;
  }

  /** The longest delay between tries. */
  public TaskOptions maxRetryDelay(Duration max) {
    this.maxRetryDelay = positive("maxRetryDelay", max);
    return this;
  }

  /** A try running longer is cancelled (its thread interrupted, its future cancelled) and fails. */
  public TaskOptions executionTimeout(Duration timeout) {
    this.executionTimeout = positive("executionTimeout", timeout);
    return this;
  }

  /** When the task may run, given its upstream tasks' states (default {@code all_success}). */
  public TaskOptions triggerRule(TriggerRule rule) {
    this.triggerRule = Objects.requireNonNull(rule, "triggerRule");
    return this;
  }

  /**
   * The queue its tries go to when task bodies run on workers (Airflow's {@code queue}; default
   * {@code default}): only a worker serving it claims them. A local run ignores it, as Airflow's
   * LocalExecutor does.
   */
  public TaskOptions queue(String queue) {
    return queue(queue, "the DAG's default args");
  }

  /** True when {@code queue} is not empty and has no whitespace, control character or comma. */
  public static boolean isValidQueue(String queue) {
    return TaskQueues.isValid(queue);
  }

  /** {@link #queue(String)}, naming {@code owner} (such as {@code task 'train'}) if it is bad. */
  TaskOptions queue(String queue, String owner) {
    Objects.requireNonNull(queue, "queue");
    if (!TaskQueues.isValid(queue)) {
      throw new IllegalArgumentException(
          GraphMessage.QUEUE_INVALID.format(TaskQueues.shown(queue), owner, TaskQueues.RULE));
    }
    this.queue = queue;
    return this;
  }

  /** Lets the task fail without failing its downstream tasks or the run. */
  public TaskOptions allowToFail(boolean allow) {
    this.allowToFail = allow;
    return this;
  }

  /**
   * Whether a resume keeps this task's success and output (default true). A task whose output
   * cannot be journaled, or that must run again on every resume, sets it to false.
   */
  public TaskOptions resumable(boolean resumable) {
    this.resumable = resumable;
    return this;
  }

  private static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive; was " + value);
    }
    return value;
  }

  /** These options with every unset one taken from {@code defaults}. */
  ResolvedOptions resolve(TaskOptions defaults) {
    return new ResolvedOptions(
        pick(retries, defaults.retries, 0),
        pick(retryDelay, defaults.retryDelay, DEFAULT_RETRY_DELAY),
        pick(retryExponentialBackoff, defaults.retryExponentialBackoff, false),
        pick(maxRetryDelay, defaults.maxRetryDelay, null),
        pick(executionTimeout, defaults.executionTimeout, null),
        pick(triggerRule, defaults.triggerRule, TriggerRule.ALL_SUCCESS),
        pick(queue, defaults.queue, TaskQueues.DEFAULT),
        pick(allowToFail, defaults.allowToFail, false),
        pick(resumable, defaults.resumable, true),
        outputType);
  }

  private static <T> T pick(T own, T inherited, T fallback) {
    return own != null ? own : inherited != null ? inherited : fallback;
  }

  /** Options with every value decided. */
  record ResolvedOptions(
      int retries,
      Duration retryDelay,
      boolean retryExponentialBackoff,
      Duration maxRetryDelay,
      Duration executionTimeout,
      TriggerRule triggerRule,
      String queue,
      boolean allowToFail,
      boolean resumable,
      java.lang.reflect.Type outputType) {}
}
