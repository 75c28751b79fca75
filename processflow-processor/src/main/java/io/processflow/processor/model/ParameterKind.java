package io.processflow.processor.model;

/** What the generated code passes for a task method's parameter. */
public enum ParameterKind {
  /** The running task's {@code TaskContext}. */
  CONTEXT,
  /** The run's store, {@code ctx.store()}. */
  STORE,
  /** An upstream task's output, {@code ctx.xcomPull(id)}. */
  FROM,
  /** None of the above: an error has been reported. */
  INVALID
}
