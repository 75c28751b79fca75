package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link Task} methods form a DAG. The annotation processor checks the DAG at
 * compile time and generates {@code ProcessFlow<ClassName>}, which builds it with the runtime's DSL
 * and has a {@code main} that runs it once.
 *
 * <p>The class must be top-level or a static nested class, not abstract, with a constructor the
 * generated code can call (no arguments, not private).
 *
 * <p>{@link #params()} declares the run parameters. {@link #retries()}, {@link #retryDelay()},
 * {@link #retryExponentialBackoff()}, {@link #maxRetryDelay()} and {@link #executionTimeout()} are
 * the DAG's default task options, Airflow's {@code default_args}: a {@link Task} that does not set
 * an option inherits it from here, else gets Airflow's default. Durations are ISO-8601 ({@code
 * PT30S}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d});
 * the processor rejects any other text at compile time.
 *
 * <p>{@link #schedule()}, {@link #startDate()}, {@link #endDate()}, {@link #catchup()}, {@link
 * #maxActiveRuns()} and {@link #timezone()} declare when the DAG runs, as Airflow 3's {@code
 * schedule}, {@code start_date}, {@code end_date}, {@code catchup}, {@code max_active_runs} and the
 * DAG's time zone do; the processor rejects a malformed value at compile time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Dag {
  /**
   * The DAG id; empty means the class's simple name in snake_case ({@code MyEtl} becomes {@code
   * my_etl}).
   */
  String id() default "";

  /** A one-line description, shown by {@code list}. */
  String description() default "";

  /** How many tasks may run at once; 0 means the runtime's default (the number of cores). */
  int maxActiveTasks() default 0;

  /**
   * The run parameters and their defaults (Airflow's {@code params}); a run may override only
   * these.
   */
  Param[] params() default {};

  /** Default {@link Task#retries()} of the DAG's tasks; -1 (the default) means unset, that is 0. */
  int retries() default -1;

  /** Default {@link Task#retryDelay()}; empty (the default) means unset, that is 5 minutes. */
  String retryDelay() default "";

  /** Default {@link Task#retryExponentialBackoff()}; false means unset, that is no backoff. */
  boolean retryExponentialBackoff() default false;

  /** Default {@link Task#maxRetryDelay()}; empty (the default) means no bound. */
  String maxRetryDelay() default "";

  /** Default {@link Task#executionTimeout()}; empty (the default) means no timeout. */
  String executionTimeout() default "";

  /** Default {@link Task#queue()}; empty (the default) means the {@code default} queue. */
  String queue() default "";

  /**
   * Airflow 3's {@code fail_fast}: the first failure of a task (not allowed to fail) fails the
   * running tasks and skips every task that has not started. Every task must then keep the {@code
   * all_success} trigger rule; the processor rejects any other.
   */
  boolean failFast() default false;

  /**
   * When the DAG runs: a cron expression of 5 fields read as croniter reads them ({@code "0 6 * *
   * 1-5"}; weekday 0-7 with 0 and 7 Sunday, {@code L}, {@code W}, {@code #}, day of month OR day of
   * week when both are restricted), a preset ({@code @hourly}, {@code @daily}, {@code @weekly},
   * {@code @monthly}, {@code @quarterly}, {@code @yearly}, {@code @once}, {@code @midnight},
   * {@code @annually}), or an ISO-8601 duration ({@code PT6H}, Airflow's {@code timedelta}
   * schedule). Empty (the default): no schedule, manual runs only.
   */
  String schedule() default "";

  /**
   * The first moment a scheduled run may have as its logical date (inclusive): ISO-8601, {@code
   * 2024-01-01} or {@code 2024-01-01T06:00} in the DAG's {@link #timezone()}, or with an offset
   * ({@code 2024-01-01T06:00:00Z}). Empty: no lower bound.
   */
  String startDate() default "";

  /**
   * The last moment a scheduled run may have as its logical date (inclusive), as {@link
   * #startDate()}; empty: none.
   */
  String endDate() default "";

  /**
   * Airflow's {@code catchup}: run every missed tick since {@link #startDate()}, not only the
   * latest.
   */
  boolean catchup() default false;

  /**
   * Airflow's {@code max_active_runs}: how many scheduled runs of the DAG may run at once (at least
   * 1).
   */
  int maxActiveRuns() default 16;

  /**
   * The IANA time zone in which the schedule and naive dates are read, such as {@code
   * Europe/London}.
   */
  String timezone() default "UTC";
}
