package io.processflow.runtime.dsl;

/** What a task's output means to the runtime. */
public enum TaskKind {
  /** An ordinary task: its output is data for downstream tasks. */
  TASK,
  /**
   * Airflow's {@code @task.branch}: the output is the id (a {@code String}) or ids (a collection of
   * strings) of the direct downstream tasks to follow; the other direct downstream tasks are
   * skipped.
   */
  BRANCH,
  /**
   * Airflow's {@code ShortCircuitOperator}: when the output is false as Python sees it ({@code
   * false}, null, zero, an empty string, collection, map, array or {@code Optional}) every task
   * downstream is skipped; any other output lets them run. The output is kept as it is.
   */
  SHORT_CIRCUIT
}
