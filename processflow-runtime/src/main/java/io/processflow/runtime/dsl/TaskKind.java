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
   * Airflow's {@code ShortCircuitOperator}: when the output is {@code false} every task downstream
   * is skipped. The output must be a {@code Boolean}.
   */
  SHORT_CIRCUIT
}
