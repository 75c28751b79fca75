package io.processflow.runtime.journal;

import java.nio.file.Path;

/** A journal cannot be read or resumed; the message names the file and line. */
public final class JournalException extends RuntimeException {
  private final Path file;
  private final int line;

  public JournalException(Path file, int line, String message, Throwable cause) {
    super((file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + message, cause);
    this.file = file;
    this.line = line;
  }

  /** The file, or {@code null} when the problem is not in one (an invalid run id). */
  public Path file() {
    return file;
  }

  /** The line (from 1), or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }
}
