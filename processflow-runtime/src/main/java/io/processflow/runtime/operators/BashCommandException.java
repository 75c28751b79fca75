package io.processflow.runtime.operators;

import java.util.List;

/** A Bash command exited with a non-zero code; the message holds the code and the end of stderr. */
public final class BashCommandException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final List<String> stderrTail;

  BashCommandException(String taskId, int exitCode, List<String> stderrTail) {
    super(
        "Bash command of task '"
            + taskId
            + "' failed with exit code "
            + exitCode
            + (stderrTail.isEmpty() ? " and no stderr output" : "; " + stderrLines(stderrTail)));
    this.exitCode = exitCode;
    this.stderrTail = List.copyOf(stderrTail);
  }

  /** {@code "last lines of stderr:"} and the lines, one per line, indented. */
  static String stderrLines(List<String> stderrTail) {
    return "last lines of stderr:\n  " + String.join("\n  ", stderrTail);
  }

  public int exitCode() {
    return exitCode;
  }

  /** The last lines the command wrote to stderr. */
  public List<String> stderrTail() {
    return stderrTail;
  }
}
