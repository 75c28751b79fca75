package io.processflow.runtime.execution;

import io.processflow.api.TaskError;

/**
 * Where a task's error was thrown, read from the stack trace its {@link TaskError} keeps: the first
 * frame in the DAG author's code, so that a summary can say {@code EtlDag.load(EtlDag.java:42)}
 * without a logging backend printing the whole trace.
 */
public final class ErrorOrigin {
  /**
   * Frames of these packages are the JDK's, ProcessFlow's or its libraries', never the author's.
   */
  private static final String[] NOT_USER_CODE = {
    "java.",
    "javax.",
    "jdk.",
    "sun.",
    "com.sun.",
    "io.processflow.runtime.",
    "io.processflow.api.",
    "com.hubspot.",
    "com.fasterxml.",
    "org.slf4j.",
    "picocli."
  };

  private ErrorOrigin() {}

  /**
   * The frame where {@code error} was thrown, as the stack trace prints it without its {@code at }
   * ({@code com.example.EtlDag.load(EtlDag.java:42)}): the first frame in the author's code of the
   * exception itself, else of its causes in order, else the exception's first frame; {@code null}
   * when the trace has no frame at all.
   */
  public static String of(TaskError error) {
    String trace = error.stackTrace();
    if (trace == null || trace.isEmpty()) {
      return null;
    }
    String first = null;
    String[] lines = trace.split("\\R");
    for (String line : lines) {
      String frame = frame(line);
      if (frame == null) {
        continue;
      }
      if (first == null) {
        first = frame;
      }
      if (isUserCode(frame)) {
        return frame;
      }
    }
    return first;
  }

  /** {@code IOException: disk full}: the simple class name and the message's first line. */
  public static String shortError(TaskError error) {
    String type = error.type().substring(error.type().lastIndexOf('.') + 1);
    if (error.message() == null || error.message().isBlank()) {
      return type;
    }
    String message = error.message().strip().lines().findFirst().orElse("");
    if (message.length() > 120) {
      message = message.substring(0, 117) + "...";
    }
    return type + ": " + message;
  }

  /**
   * The frame of a stack trace line {@code \tat [module/]class.method(File.java:42)}, else null.
   */
  private static String frame(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("at ")) {
      return null;
    }
    String frame = trimmed.substring(3);
    int slash = frame.indexOf('/');
    int paren = frame.indexOf('(');
    if (slash >= 0 && (paren < 0 || slash < paren)) {
      frame = frame.substring(slash + 1); // java.base/java.io.File... -> java.io.File...
    }
    return frame;
  }

  private static boolean isUserCode(String frame) {
    for (String prefix : NOT_USER_CODE) {
      if (frame.startsWith(prefix)) {
        return false;
      }
    }
    // The generated ProcessFlowFoo calls the author's method: the author's own frame comes first.
    int paren = frame.indexOf('(');
    String file = paren < 0 ? "" : frame.substring(paren + 1);
    return !file.startsWith("ProcessFlow");
  }
}
