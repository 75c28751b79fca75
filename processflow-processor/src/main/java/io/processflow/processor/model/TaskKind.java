package io.processflow.processor.model;

/** What the runtime makes of a task's output, which decides the DSL method that declares it. */
public enum TaskKind {
  /** An ordinary task: {@code builder.task(...)}. */
  TASK,
  /**
   * {@code @Branch}: {@code builder.branch(...)}; the output names the downstream tasks to follow.
   */
  BRANCH,
  /**
   * {@code @ShortCircuit}: {@code builder.shortCircuit(...)}; a false condition skips everything
   * downstream.
   */
  SHORT_CIRCUIT
}
