package io.processflow.runtime.dsl;

/** What a task's output means to the runtime. */
public enum TaskKind {
  /** An ordinary task: its output is data for downstream tasks. */
  TASK,
  /**
   * Airflow's {@code @task.branch}: the output is the id (a {@code String}) or ids (a collection of
   * strings) of the tasks to follow, usually direct downstream ones; the direct downstream tasks
   * that are neither followed nor downstream of a followed task are skipped.
   */
  BRANCH,
  /**
   * Airflow's {@code ShortCircuitOperator}: when the output is false as Python sees it ({@code
   * false}, null, zero, an empty string, collection, map or array) every task downstream is
   * skipped, and the task keeps no output (as in Airflow 3); any other output lets them run and is
   * kept.
   */
  SHORT_CIRCUIT
}
