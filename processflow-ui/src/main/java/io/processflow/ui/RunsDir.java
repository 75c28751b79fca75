package io.processflow.ui;

import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.internal.json.Json;
import io.processflow.runtime.journal.JournalHeader;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.logs.TaskLogFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DAGs and runs the UI may show: the DAGs on the classpath and those with journals in the runs
 * directory, and their recorded runs. Ids that come from a URL are only ever looked up among what
 * is listed here, never joined to a path, and every file served is checked to be inside the runs
 * directory (symbolic links followed): a hostile id cannot reach any other file.
 */
final class RunsDir {
  private final Path runsDir;
  private final Journals journals;
  private final Map<String, DagProvider> providers = new TreeMap<>();

  RunsDir(Path runsDir, List<DagProvider> providers) {
    this.runsDir = runsDir.toAbsolutePath().normalize();
    this.journals = Journals.in(this.runsDir);
    for (DagProvider provider : providers) {
      this.providers.put(provider.dagId(), provider);
    }
  }

  Path path() {
    return runsDir;
  }

  Journals journals() {
    return journals;
  }

  /** The DAG {@code dagId} on the classpath, or {@code null}. */
  DagProvider provider(String dagId) {
    return providers.get(dagId);
  }

  /** Every DAG id: those on the classpath and those journaled in the runs directory, sorted. */
  List<String> dagIds() {
    TreeMap<String, Boolean> ids = new TreeMap<>();
    for (String id : providers.keySet()) {
      ids.put(id, true);
    }
    if (Files.isDirectory(runsDir)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runsDir)) {
        for (Path dir : dirs) {
          String id = Files.isDirectory(dir) ? journaledDagId(dir) : null;
          if (id != null) {
            ids.put(id, true);
          }
        }
      } catch (IOException e) {
        // an unreadable runs directory shows the classpath's DAGs only
      }
    }
    return new ArrayList<>(ids.keySet());
  }

  /** True when {@code dagId} is one of {@link #dagIds()}. */
  boolean hasDag(String dagId) {
    return providers.containsKey(dagId) || dagIds().contains(dagId);
  }

  /**
   * The recorded runs of {@code dagId}, newest first; none for a DAG not listed. Listing reads
   * every journal whole, so the list is kept until a journal of the DAG changes.
   */
  List<RunSummary> runs(String dagId) {
    if (!hasDag(dagId)) {
      return List.of();
    }
    Path dir = dagDir(dagId);
    String fingerprint = fingerprint(dir);
    CachedRuns cached = listed.get(dagId);
    if (cached != null && cached.fingerprint.equals(fingerprint)) {
      return cached.runs;
    }
    List<RunSummary> runs = new ArrayList<>(journals.runs(dagId));
    runs.removeIf(run -> !inside(run.file()));
    java.util.Collections.reverse(runs);
    List<RunSummary> list = List.copyOf(runs);
    listed.put(dagId, new CachedRuns(fingerprint, list));
    return list;
  }

  private final Map<String, CachedRuns> listed = new java.util.concurrent.ConcurrentHashMap<>();

  private record CachedRuns(String fingerprint, List<RunSummary> runs) {}

  /** The directory of {@code dagId}'s journals, as the runtime names it. */
  private Path dagDir(String dagId) {
    return journals.file(dagId, "run").getParent();
  }

  /** The names, sizes and modification times of the journals in {@code dir}. */
  private static String fingerprint(Path dir) {
    List<String> entries = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
        for (Path file : files) {
          try {
            entries.add(
                file.getFileName()
                    + ":"
                    + Files.size(file)
                    + ":"
                    + Files.getLastModifiedTime(file).toMillis());
          } catch (IOException e) {
            entries.add(file.getFileName() + ":?");
          }
        }
      } catch (IOException e) {
        return "?";
      }
    }
    java.util.Collections.sort(entries);
    return String.join("/", entries);
  }

  /**
   * The journal of run {@code runId} of {@code dagId}, or {@code null}: the file the runtime would
   * write, when it is inside the runs directory and its header names that DAG and run.
   */
  Path journal(String dagId, String runId) {
    if (!hasDag(dagId)) {
      return null;
    }
    Path file;
    try {
      file = journals.file(dagId, runId);
    } catch (RuntimeException invalidRunId) {
      return null;
    }
    if (!Files.isRegularFile(file) || !inside(file)) {
      return null;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      var header = line == null ? null : Json.mapper().readTree(line);
      if (header != null
          && JournalHeader.TYPE.equals(header.path("type").asText())
          && dagId.equals(header.path("dagId").asText())
          && runId.equals(header.path("runId").asText())) {
        return file;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /**
   * The log of try {@code tryNumber} of task {@code taskId} in run {@code runId} of {@code dagId},
   * where the runtime writes it ({@link TaskLogFiles}); {@code null} for ids that have no log file.
   */
  Path tryLog(String dagId, String runId, String taskId, int tryNumber) {
    try {
      return TaskLogFiles.file(runsDir, dagId, runId, taskId, tryNumber);
    } catch (RuntimeException invalidId) {
      return null;
    }
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
          // not a journal this UI can read: try the next
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
