package io.processflow.api;

import io.processflow.api.store.Store;
import java.time.Instant;
import java.util.Map;

/**
 * What a running task knows about itself and its run. {@link #toString()} is a one-line JSON view,
 * ready for a log line (the original logs {@code context=%s}).
 */
public interface TaskContext {
  String runId();

  String dagId();

  String taskId();

  /** The run's logical date (Airflow's {@code logical_date}). */
  Instant logicalDate();

  /**
   * The start of the run's data interval (Airflow's {@code data_interval_start}), as the DAG's
   * timetable gives it for the run's type and logical date; by default the logical date.
   */
  default Instant dataIntervalStart() {
    return logicalDate();
  }

  /**
   * The end of the run's data interval (Airflow's {@code data_interval_end}); by default the
   * logical date.
   */
  default Instant dataIntervalEnd() {
    return logicalDate();
  }

  /**
   * How the run came about, Airflow's {@code dag_run.run_type}: {@code manual}, {@code scheduled}
   * or {@code backfill}; by default {@code manual}.
   */
  default String runType() {
    return "manual";
  }

  /** Which try of this task is running, from 1. */
  int tryNumber();

  /** The run's parameters (Airflow's {@code params}); unmodifiable. */
  Map<String, Object> params();

  /** The run's store: its state is the whole run, and a task may dispatch its own actions to it. */
  Store<RunState> store();

  /**
   * The output of task {@code taskId} in this run (Airflow's {@code ti.xcom_pull(task_ids=...)}),
   * or {@code null} when it has none yet. Typed by the caller: the annotation processor checks the
   * type at compile time for {@link From} parameters.
   *
   * @throws IllegalArgumentException when the DAG has no task {@code taskId}
   */
  <T> T xcomPull(String taskId);

  /**
   * Renders {@code template} as a Jinja template with Airflow's context of this task ({@code ds},
   * {@code params}, {@code ti.xcom_pull(task_ids=...)}, ...): how a method task uses templates.
   * Strict: an undefined name or a syntax error throws, naming the line and the name, which fails
   * the task.
   */
  String render(String template);

  /** The JSON view: run id, dag id, task id, try number, logical date and params. */
  String toJson();
}
