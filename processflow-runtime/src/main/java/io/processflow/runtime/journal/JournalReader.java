package io.processflow.runtime.journal;

import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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
 * Reads a journal. The last line is torn when the process died while writing it: it has no newline,
 * or it is not valid JSON (a line is written whole, with its newline, before the dispatch goes on,
 * so a torn line was never acted upon). A torn last line is ignored with a warning, and cut when
 * the run resumes. Any other line that cannot be read, a complete valid last line included, and a
 * byte that is not UTF-8 in a complete line stop the reading with a {@link JournalException} naming
 * the file and line.
 *
 * <p>Task outputs are read back as the types the DAG's tasks declare, and as no other type.
 */
final class JournalReader {
  private static final Logger log = LoggerFactory.getLogger(JournalReader.class);

  private JournalReader() {}

  /**
   * Reads {@code file} with every task output as JSON's own values (maps, lists, strings, numbers).
   */
  public static RecordedRun read(Path file) {
    return read(file, OutputTypes.none());
  }

  /**
   * Reads {@code file}, a journal of {@code dag}, with each task output as the type its task
   * declares.
   */
  public static RecordedRun read(Path file, DagDefinition dag) {
    return read(file, OutputTypes.of(dag));
  }

  static RecordedRun read(Path file, OutputTypes types) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new JournalException(file, 0, "no such journal", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the run journal " + file + ": " + e.getMessage(), e);
    }
    return read(file, bytes, types);
  }

  /** Reads a journal's {@code bytes}; errors name {@code file}. */
  static RecordedRun read(Path file, byte[] bytes, OutputTypes types) {
    List<JournalHeader> headers = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<RecordedRun.OutputTypeChange> changes = new ArrayList<>();
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    int start = 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      int end = indexOfNewline(bytes, start);
      lineNumber++;
      if (end < 0) {
        warnings.add(torn(file, lineNumber, "the line has no newline"));
        break;
      }
      String line = decode(utf8, bytes, start, end, file, lineNumber);
      start = end + 1;
      Object entry;
      try {
        entry = JournalLines.read(line, types);
      } catch (IOException | RuntimeException e) {
        boolean json = JournalJson.isJson(line);
        if (start >= bytes.length && !json) {
          warnings.add(torn(file, lineNumber, firstLine(e)));
          break;
        }
        throw new JournalException(
            file,
            lineNumber,
            json
                ? "unreadable entry ("
                    + firstLine(e)
                    + "); the line is complete JSON, so it is not torn."
                    + " Repair or remove the line, or start a new run"
                : "corrupt line ("
                    + firstLine(e)
                    + "); only the last line of a journal may be torn."
                    + " Repair or remove the line, or start a new run",
            e);
      }
      if (entry instanceof JournalLines.ChangedOutput changed) {
        changes.add(
            new RecordedRun.OutputTypeChange(
                changed.update().taskId(), lineNumber, changed.journaled(), changed.declared()));
        entry = changed.update();
      }
      if (entry instanceof JournalHeader header) {
        if (header.format() != JournalHeader.FORMAT) {
          throw new JournalException(
              file,
              lineNumber,
              "journal format "
                  + header.format()
                  + " is not the format this runtime reads ("
                  + JournalHeader.FORMAT
                  + ")",
              null);
        }
        String missing = missingField(header);
        if (missing != null) {
          throw new JournalException(
              file,
              lineNumber,
              "the header line has no '"
                  + missing
                  + "'; a header names the DAG, the run, its logical"
                  + " date, params and tasks. Repair the line, or start a new run",
              null);
        }
        headers.add(header);
      } else if (headers.isEmpty()) {
        throw new JournalException(
            file, lineNumber, "the journal does not start with a header line", null);
      } else {
        actions.add((Action) entry);
      }
    }
    if (headers.isEmpty()) {
      throw new JournalException(file, 0, "empty journal: the run stopped before it began", null);
    }
    return new RecordedRun(file, headers, actions, warnings, changes);
  }

  private static String torn(Path file, int lineNumber, String why) {
    String warning =
        file
            + ":"
            + lineNumber
            + ": ignoring a torn last line (the run stopped while writing it): "
            + why;
    log.warn(warning);
    return warning;
  }

  private static int indexOfNewline(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The line's bytes as text; a byte that is not UTF-8 is an error naming it. */
  private static String decode(
      CharsetDecoder utf8, byte[] bytes, int from, int to, Path file, int lineNumber) {
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.allocate(to - from);
    CoderResult result = utf8.reset().decode(in, out, true);
    if (!result.isError()) {
      result = utf8.flush(out);
    }
    if (result.isError()) {
      throw new JournalException(
          file,
          lineNumber,
          String.format(
              "byte %d of the line (0x%02X) is not UTF-8, which journals are written in; the file was"
                  + " damaged or changed by something other than the runtime. Repair or remove the line, or start a"
                  + " new run",
              in.position() - from + 1, bytes[in.position()] & 0xFF),
          null);
    }
    return out.flip().toString();
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
      while (line.hasRemaining() && channel.read(line, lineStart + line.position()) > 0) {
        // a large line may take several reads
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(line.flip()).toString();
      } catch (CharacterCodingException e) {
        return size; // not torn: read() reports the byte
      }
      return JournalJson.isJson(text)
          ? size
          : lineStart; // a complete line that is not JSON is torn
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
