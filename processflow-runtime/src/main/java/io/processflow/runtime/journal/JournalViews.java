package io.processflow.runtime.journal;

import io.processflow.runtime.internal.json.Json;
import io.processflow.runtime.logs.TaskLogFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What views read from a runs directory (see {@link RunViews}). Ids are mapped to files as the
 * runtime writes them, never joined into a path by themselves, and a file is only read when it is
 * inside the runs directory once symbolic links are followed and, for a journal, when its header
 * names that DAG and run: a hostile id reaches no other file.
 */
final class JournalViews implements RunViews {
  private final Journals journals;
  private final Path runsDir;

  /**
   * The journals whose header was checked, with their file's identity (inode) then: a page asks for
   * a run's version every second, which must not parse a header of 10,000 task ids each time.
   */
  private final Map<Path, Object> checked = new ConcurrentHashMap<>();

  JournalViews(Journals journals) {
    this.journals = journals;
    this.runsDir = journals.runsDir().toAbsolutePath().normalize();
  }

  /** The DAG ids in the first readable journal header of each directory, sorted. */
  @Override
  public List<String> dagIds() {
    TreeSet<String> ids = new TreeSet<>();
    if (Files.isDirectory(runsDir)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runsDir, Files::isDirectory)) {
        for (Path dir : dirs) {
          String id = journaledDagId(dir);
          if (id != null) {
            ids.add(id);
          }
        }
      } catch (IOException e) {
        // an unreadable runs directory has no runs to show
      }
    }
    return new ArrayList<>(ids);
  }

  /** The journal's size and modification time, or null when it is not a journal of that run. */
  @Override
  public String version(String dagId, String runId) {
    Path file = journal(dagId, runId);
    try {
      return file == null
          ? null
          : Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public byte[] documents(String dagId, String runId) {
    Path file = journal(dagId, runId);
    if (file == null) {
      return null;
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> loggedTasks(String dagId, String runId) {
    List<String> tasks = new ArrayList<>();
    Path runDir;
    try {
      runDir = journals.runDir(dagId, runId);
    } catch (RuntimeException invalidId) {
      return tasks;
    }
    if (!Files.isDirectory(runDir) || !inside(runDir)) {
      return tasks;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runDir, Files::isDirectory)) {
      for (Path dir : dirs) {
        if (!TaskLogFiles.tries(dir).isEmpty()) {
          tasks.add(dir.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runDir, e);
    }
    tasks.sort(null);
    return tasks;
  }

  @Override
  public List<Integer> loggedTries(String dagId, String runId, String taskId) {
    try {
      Path taskDir = TaskLogFiles.taskDir(runsDir, dagId, runId, taskId);
      return inside(taskDir) ? TaskLogFiles.tries(taskDir) : List.of();
    } catch (IllegalArgumentException | JournalException invalidId) {
      return List.of();
    }
  }

  @Override
  public String tryLog(String dagId, String runId, String taskId, int tryNumber, int maxBytes) {
    Path file = tryLogFile(dagId, runId, taskId, tryNumber);
    if (file == null) {
      return null;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - maxBytes);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      return TryLogTail.shown(new String(bytes, StandardCharsets.UTF_8), from);
    } catch (IOException e) {
      return "[the log cannot be read: " + e.getMessage() + "]";
    }
  }

  @Override
  public Reader openTryLog(String dagId, String runId, String taskId, int tryNumber) {
    Path file = tryLogFile(dagId, runId, taskId, tryNumber);
    try {
      return file == null ? null : Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private Path tryLogFile(String dagId, String runId, String taskId, int tryNumber) {
    Path file;
    try {
      file = TaskLogFiles.file(runsDir, dagId, runId, taskId, tryNumber);
    } catch (IllegalArgumentException | JournalException invalidId) {
      return null;
    }
    return Files.isRegularFile(file) && inside(file) ? file : null;
  }

  /**
   * The journal of run {@code runId} of {@code dagId}, or null: the file the runtime would write,
   * when it is inside the runs directory and its header names that DAG and run.
   */
  Path journal(String dagId, String runId) {
    Path file;
    try {
      file = journals.file(dagId, runId).toAbsolutePath().normalize();
    } catch (RuntimeException invalidRunId) {
      return null;
    }
    if (!Files.isRegularFile(file) || !inside(file)) {
      return null;
    }
    Object identity;
    try {
      identity = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
    if (identity != null && identity.equals(checked.get(file))) {
      return file;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      var header = line == null ? null : Json.mapper().readTree(line);
      if (header != null
          && JournalHeader.TYPE.equals(header.path("type").asText())
          && dagId.equals(header.path("dagId").asText())
          && runId.equals(header.path("runId").asText())) {
        if (identity != null) {
          checked.put(file, identity);
        }
        return file;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** True when {@code file} is inside the runs directory once links are followed (or absent). */
  boolean inside(Path file) {
    try {
      if (!Files.exists(file)) {
        return file.toAbsolutePath().normalize().startsWith(runsDir);
      }
      return file.toRealPath().startsWith(runsDir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /** The DAG id in the first journal header found in {@code dir}, or {@code null}. */
  private static String journaledDagId(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
      for (Path file : files) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line = reader.readLine();
          if (line != null && line.contains(JournalHeader.TYPE)) {
            String id = Json.mapper().readTree(line).path("dagId").asText(null);
            if (id != null && !id.isEmpty()) {
              return id;
            }
          }
        } catch (IOException | RuntimeException e) {
          // not a journal that can be read: try the next
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
