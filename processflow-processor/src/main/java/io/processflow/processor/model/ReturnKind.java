package io.processflow.processor.model;

/** What a task method returns, which decides how the generated code runs it. */
public enum ReturnKind {
  /** No output: the generated operator returns null. */
  VOID,
  /** A value, the task's output. */
  VALUE,
  /** A {@code CompletionStage<T>}: an asynchronous task whose output is T. */
  ASYNC,
  /** An {@code Operator}: the method configures it and the generated code executes it. */
  OPERATOR
}
