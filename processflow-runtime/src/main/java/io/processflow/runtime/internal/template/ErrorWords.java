package io.processflow.runtime.internal.template;

import java.util.regex.Pattern;

/**
 * A template error's message in the words a template's author reads, without Java's: no exception
 * class names ({@code io.processflow...PyException: TypeError: ...} reads {@code TypeError: ...}),
 * no Jinjava wrappers ({@code InterpretException:}, the originating exception's stack of names),
 * and the reason behind Jinjava's words that give none ("Error invoking function 'm'").
 */
public final class ErrorWords {
  private ErrorWords() {}

  /** A Java exception's name before its message: qualified, or ending in Exception. */
  private static final Pattern JAVA_NAME =
      Pattern.compile(
          "(?:\\b[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): |\\b[A-Z][\\w$]*Exception: ");

  private static final String ORIGINATING = "\nOriginating Exception:\n";

  /** {@code message} in a template author's words; {@code error} may tell the reason behind it. */
  public static String readable(String message, Throwable error) {
    if (message == null) {
      return null;
    }
    String words = message;
    int originating = words.indexOf(ORIGINATING);
    if (originating >= 0) {
      words = words.substring(0, originating);
    }
    if (words.startsWith("Error invoking function") || words.contains("Error rendering tag")) {
      String reason = reason(error);
      if (reason != null && !words.contains(reason)) {
        words = words + ": " + reason;
      }
    }
    return JAVA_NAME.matcher(words).replaceAll("");
  }

  /** The message of the innermost cause of {@code error} that has one. */
  private static String reason(Throwable error) {
    String reason = null;
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage();
      }
    }
    return reason == null ? null : readable(reason, null);
  }
}
