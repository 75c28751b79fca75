package io.processflow.postgres;

/**
 * A try failed on a worker, or was failed for it (its lease expired): the worker's error as text,
 * since no exception object travels through the database.
 */
public final class RemoteTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RemoteTaskException(String message) {
    super(message, null, false, false);
  }
}
