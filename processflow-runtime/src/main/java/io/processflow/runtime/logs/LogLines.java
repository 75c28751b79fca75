package io.processflow.runtime.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.Level;

/**
 * The lines of a task log, in Airflow's shape: {@code [2024-05-01T10:00:00.123+0000] {source} INFO
 * - message}. A message of several lines keeps its line breaks; a stack trace follows its line.
 */
final class LogLines {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

  private LogLines() {}

  /** One entry: its line, and {@code trace} (a stack trace as printed, or null) after it. */
  static String entry(Instant time, Level level, String source, String message, String trace) {
    StringBuilder text = new StringBuilder(64 + message.length());
    text.append('[')
        .append(TIME.format(time))
        .append("] {")
        .append(source)
        .append("} ")
        .append(level)
        .append(" - ")
        .append(message)
        .append('\n');
    if (trace != null && !trace.isEmpty()) {
      text.append(trace);
      if (trace.charAt(trace.length() - 1) != '\n') {
        text.append('\n');
      }
    }
    return text.toString();
  }

  /** {@code error}'s stack trace as {@link Throwable#printStackTrace()} prints it, or null. */
  static String trace(Throwable error) {
    if (error == null) {
      return null;
    }
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
