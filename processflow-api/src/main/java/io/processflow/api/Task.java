package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of a {@link Dag} class a task.
 *
 * <p>The method may return {@code void}, a value (the task's output, which downstream tasks read
 * with {@link From}), a {@link java.util.concurrent.CompletionStage} (an asynchronous task whose
 * output is the stage's value), or an {@link Operator} (the method configures the operator, which
 * then runs as the task). Its parameters may only be {@link TaskContext}, the run's {@link
 * io.processflow.api.store.Store}, or {@link From} values.
 *
 * <p>The failure options are Airflow's operator arguments. Each has an "unset" default (-1, empty,
 * false) under which the task inherits the option from its {@link Dag} (Airflow's {@code
 * default_args}), else gets Airflow's default. Durations are ISO-8601 ({@code PT30S}) or a number
 * with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}), checked at compile
 * time. {@link Branch} and {@link ShortCircuit} make the task a branch or a short circuit.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Task {
  /** The task id; empty means the method's name. Ids match {@code [A-Za-z0-9_.-]+}. */
  String id() default "";

  /**
   * When true a failure of this task is recorded (its state is {@code failed}) but its downstream
   * tasks still run and the run does not fail because of it.
   */
  boolean allowToFail() default false;

  /**
   * When false, a resumed run ({@code --resume}) runs this task again even if it succeeded, and its
   * output is not journaled (it is kept in memory only): for tasks with side effects to redo, or
   * outputs that cannot be JSON. The processor warns ({@code [ProcessFlow/JournalOutput]}) about a
   * resumable task whose output type the journal cannot store.
   */
  boolean resumable() default true;

  /**
   * How many times a failed try is retried (Airflow's {@code retries}); -1 (the default) inherits
   * the DAG's, else 0.
   */
  int retries() default -1;

  /**
   * The wait before a retry (Airflow's {@code retry_delay}); empty inherits the DAG's, else 5
   * minutes.
   */
  String retryDelay() default "";

  /**
   * True doubles the delay after each failed try, {@code retryDelay * 2^(try - 1)} capped by {@link
   * #maxRetryDelay()} (Airflow's {@code retry_exponential_backoff}); false inherits the DAG's.
   */
  boolean retryExponentialBackoff() default false;

  /**
   * The longest delay between tries (Airflow's {@code max_retry_delay}); empty inherits the DAG's,
   * else no bound.
   */
  String maxRetryDelay() default "";

  /**
   * A try running longer is cancelled and fails (Airflow's {@code execution_timeout}); empty
   * inherits the DAG's, else no timeout.
   */
  String executionTimeout() default "";

  /**
   * When the task may run, given its direct upstream tasks' states (Airflow's {@code
   * trigger_rule}). The default {@code ALL_SUCCESS} is Airflow's; a {@link Dag#failFast()} DAG
   * allows no other.
   */
  TriggerRule triggerRule() default TriggerRule.ALL_SUCCESS;

  /**
   * The queue its tries go to when a run's task bodies run on workers (Airflow's {@code queue}):
   * only a worker serving that queue ({@code worker --queue gpu}) claims them. Empty (the default)
   * inherits the DAG's, else the {@code default} queue. A local run ignores queues, as Airflow's
   * LocalExecutor does. A name is not empty and has no whitespace, control characters or commas,
   * checked at compile time.
   */
  String queue() default "";
}
