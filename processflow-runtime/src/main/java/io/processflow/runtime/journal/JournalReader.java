package io.processflow.runtime.journal;

import io.processflow.api.store.Action;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a journal. The last line is torn when the process died while writing it: it has no
 * newline, or it is not valid JSON. It was never acted upon (the dispatch goes on only after the
 * whole line is written), so it is ignored with a warning. Any other line that cannot be read
 * stops the reading with a {@link JournalException} naming the file and line.
 */
public final class JournalReader {
  private static final Logger log = LoggerFactory.getLogger(JournalReader.class);

  private JournalReader() {}

  public static RecordedRun read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new JournalException(file, 0, "no such journal", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the run journal " + file + ": " + e.getMessage(), e);
    }
    List<JournalHeader> headers = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int start = 0;
    int lineNumber = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      boolean terminated = end >= 0;
      String line = text.substring(start, terminated ? end : text.length());
      start = terminated ? end + 1 : text.length();
      lineNumber++;
      boolean last = start >= text.length();
      Object entry;
      try {
        if (!terminated) {
          throw new IllegalArgumentException("the line has no newline");
        }
        entry = JournalLines.read(line);
      } catch (IOException | RuntimeException e) {
        if (last && !(e instanceof IllegalStateException)) {
          String warning =
              file + ":" + lineNumber + ": ignoring a torn last line (the run stopped while writing it): "
                  + firstLine(e);
          log.warn(warning);
          warnings.add(warning);
          break;
        }
        throw new JournalException(
            file, lineNumber,
            e instanceof IllegalStateException
                ? e.getMessage()
                : "corrupt line (" + firstLine(e) + "); only the last line of a journal may be torn."
                    + " Repair or remove the line, or start a new run",
            e);
      }
      if (entry instanceof JournalHeader header) {
        if (header.format() != JournalHeader.FORMAT) {
          throw new JournalException(
              file, lineNumber,
              "journal format " + header.format() + " is not the format this runtime reads ("
                  + JournalHeader.FORMAT + ")",
              null);
        }
        String missing = missingField(header);
        if (missing != null) {
          throw new JournalException(
              file, lineNumber,
              "the header line has no '" + missing + "'; a header names the DAG, the run, its logical"
                  + " date, params and tasks. Repair the line, or start a new run",
              null);
        }
        headers.add(header);
      } else if (headers.isEmpty()) {
        throw new JournalException(file, lineNumber, "the journal does not start with a header line", null);
      } else {
        actions.add((Action) entry);
      }
    }
    if (headers.isEmpty()) {
      throw new JournalException(file, 0, "empty journal: the run stopped before it began", null);
    }
    return new RecordedRun(file, headers, actions, warnings);
  }

  /** The first field a header needs that it lacks (null, or absent), or {@code null}. */
  private static String missingField(JournalHeader header) {
    if (header.dagId() == null) {
      return "dagId";
    }
    if (header.runId() == null) {
      return "runId";
    }
    if (header.logicalDate() == null) {
      return "logicalDate";
    }
    if (header.params() == null) {
      return "params";
    }
    return header.tasks() == null ? "tasks" : null;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * The length of {@code file} without the torn last line that {@link #read} ignores: where a
   * resume starts appending.
   */
  static long intactLength(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return 0;
      }
      long lastNewline = lastNewlineBefore(channel, size);
      if (lastNewline < size - 1) {
        return lastNewline + 1; // an unterminated tail
      }
      long lineStart = lastNewlineBefore(channel, lastNewline) + 1;
      ByteBuffer line = ByteBuffer.allocate((int) (lastNewline - lineStart));
      channel.read(line, lineStart);
      try {
        JournalLines.read(new String(line.array(), StandardCharsets.UTF_8));
        return size;
      } catch (IOException | IllegalArgumentException e) {
        return lineStart; // a complete but corrupt last line
      } catch (RuntimeException e) {
        return size;
      }
    }
  }

  /** The position of the last newline before {@code end}, or -1. */
  private static long lastNewlineBefore(FileChannel channel, long end) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    long position = end;
    while (position > 0) {
      int length = (int) Math.min(chunk.capacity(), position);
      position -= length;
      chunk.clear().limit(length);
      channel.read(chunk, position);
      for (int i = length - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return position + i;
        }
      }
    }
    return -1;
  }
}
