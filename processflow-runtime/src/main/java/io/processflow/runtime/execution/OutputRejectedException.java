package io.processflow.runtime.execution;

/**
 * Thrown by a store middleware from the dispatch of a task's {@code success} to fail that task
 * instead: the success is not recorded and the task fails (or retries) with this exception as its
 * error. The run journal throws it for an output it cannot serialise, so the error lands on the
 * task that produced the output rather than aborting the run.
 */
public final class OutputRejectedException extends RuntimeException {
  public OutputRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
