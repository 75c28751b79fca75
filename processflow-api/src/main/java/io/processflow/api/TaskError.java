package io.processflow.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * Why a task failed, kept in its state as plain strings so that it serialises and survives a replay
 * of the run's actions.
 *
 * @param type the exception's class name
 * @param message the exception's message, or {@code null}
 * @param stackTrace the full stack trace, as {@link Throwable#printStackTrace()} prints it
 */
public record TaskError(String type, String message, String stackTrace) {
  public TaskError {
    Objects.requireNonNull(type, "type");
  }

  /** Captures {@code error}'s class, message and stack trace. */
  public static TaskError of(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return new TaskError(error.getClass().getName(), error.getMessage(), trace.toString());
  }

  /** {@code type: message}, like {@link Throwable#toString()}. */
  public String summary() {
    return message == null ? type : type + ": " + message;
  }
}
