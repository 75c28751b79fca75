package io.processflow.runtime.logs;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try's log file: the task's own lines, its operator's output, and the run's lines about the
 * try (its start, its error, its end), written in the order given by the run's {@link
 * TaskLogWriter}. Opened at the first line and kept open while the try runs; once the try has
 * {@link #end ended}, a late line (an operator's output read after a timeout) opens it, appends and
 * closes it again, so a run holds one open file per running try at most.
 *
 * <p>A {@link FileOutputStream}, not a {@code FileChannel}: an interrupt (a timeout interrupting
 * the task that logs) would close a channel for good. A file that cannot be written costs its lines
 * and one warning, never the task or the run.
 */
final class TryLogFile implements TryLogTarget {
  private static final Logger log = LoggerFactory.getLogger(TryLogFile.class);

  private final Path file;
  private Writer out;
  private boolean ended;
  private boolean broken;

  TryLogFile(Path file) {
    this.file = file;
  }

  /** Appends {@code lines} and flushes them, on the writer's thread. */
  @Override
  public synchronized void write(String lines) {
    if (broken) {
      return;
    }
    try {
      if (out == null) {
        Files.createDirectories(file.getParent());
        out =
            new BufferedWriter(
                new OutputStreamWriter(
                    new FileOutputStream(file.toFile(), true), StandardCharsets.UTF_8));
      }
      out.write(lines);
      out.flush();
    } catch (IOException e) {
      broken = true;
      log.warn(
          "cannot write the task log {}: {}; this try's further lines are not kept",
          file,
          e.toString());
      closeWriter();
      return;
    }
    if (ended) {
      closeWriter();
    }
  }

  /** The try has ended: the file is closed, and any later line reopens it only for its write. */
  @Override
  public synchronized void end() {
    ended = true;
    closeWriter();
  }

  private void closeWriter() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        log.debug("cannot close the task log {}", file, e);
      }
      out = null;
    }
  }
}
