package io.processflow.runtime.execution;

import io.processflow.api.TaskContext;
import io.processflow.runtime.dsl.TaskDefinition;

/**
 * One try of one task, as the engine hands it to a {@link TaskLauncher}, and the way back: the
 * launcher tells the engine through it when the body starts and how it ended. Every method may be
 * called from any thread; each report is taken at most once, and a report for a try the engine
 * already ended (its timeout, fail-fast, a cancel) is ignored.
 */
public interface TaskTry {
  /** The DAG's id. */
  String dagId();

  /** The run's id. */
  String runId();

  /** The task's id. */
  String taskId();

  /** This try's number: 1 for a task's first try, counting on across retries and resumes. */
  int tryNumber();

  /** The task, with its operator (the body) and its settings. */
  TaskDefinition task();

  /** The context to hand the body (its {@code Operator.execute} argument). */
  TaskContext context();

  /**
   * The body begins now: the engine records the try {@code running} and arms its execution timeout.
   * Returns false when the try has ended meanwhile (fail-fast, a cancel, the run aborted): the body
   * must not run, and nothing more is reported for this try.
   *
   * @param canceller what the engine calls, at most once, if it ends this try before its outcome is
   *     reported; called under the engine's lock, so it must not block nor report to this try
   */
  boolean start(TryCanceller canceller);

  /**
   * Replaces the canceller of this started try, for a body that hands over to something else (an
   * asynchronous body returning a future it has not completed yet). Returns false when the try has
   * ended meanwhile: its old canceller was called, and the caller cancels the new thing itself.
   */
  boolean cancelWith(TryCanceller canceller);

  /** The body returned {@code output}: the try succeeded (or fails, if its output is invalid). */
  void succeeded(Object output);

  /** The body threw {@code error}, or the try could not start: it is retried or fails. */
  void failed(Throwable error);
}
