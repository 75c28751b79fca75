package io.processflow.ui;

import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DAGs and runs the UI may show, read through the {@link RunStore} (a runs directory's journals
 * or a database): the DAGs on the classpath and those with recorded runs, and their runs. Ids that
 * come from a URL are only ever looked up in the store, which never lets one reach a file outside
 * its runs directory or run a query of its own.
 */
final class UiRuns {
  private final RunStore store;
  private final Map<String, DagProvider> providers = new TreeMap<>();

  UiRuns(RunStore store, List<DagProvider> providers) {
    this.store = store;
    for (DagProvider provider : providers) {
      this.providers.put(provider.dagId(), provider);
    }
  }

  RunStore store() {
    return store;
  }

  /** Where the runs are, for the pages: a directory, or a database URL without credentials. */
  String where() {
    return store instanceof Journals journals
        ? journals.runsDir().toAbsolutePath().normalize().toString()
        : store.where();
  }

  /** The DAG {@code dagId} on the classpath, or {@code null}. */
  DagProvider provider(String dagId) {
    return providers.get(dagId);
  }

  /** Every DAG id: those on the classpath and those with recorded runs, sorted. */
  List<String> dagIds() {
    TreeSet<String> ids = new TreeSet<>(providers.keySet());
    try {
      ids.addAll(store.views().dagIds());
    } catch (RuntimeException unreadable) {
      // runs that cannot be listed: the classpath's DAGs are still shown
    }
    return new ArrayList<>(ids);
  }

  /** True when {@code dagId} is one of {@link #dagIds()}. */
  boolean hasDag(String dagId) {
    return providers.containsKey(dagId) || dagIds().contains(dagId);
  }

  /** True when run {@code runId} of {@code dagId} is recorded and may be shown. */
  boolean hasRun(String dagId, String runId) {
    return hasDag(dagId) && store.views().version(dagId, runId) != null;
  }

  /**
   * The recorded runs of {@code dagId}, newest first; none for a DAG not listed. A runs directory
   * lists its runs by reading every journal whole, so there the list is kept until a journal of the
   * DAG changes; a database lists them with one query.
   */
  List<RunSummary> runs(String dagId) {
    if (!hasDag(dagId)) {
      return List.of();
    }
    if (!(store instanceof Journals journals)) {
      List<RunSummary> runs = new ArrayList<>(store.runs(dagId));
      Collections.reverse(runs);
      return List.copyOf(runs);
    }
    String fingerprint = fingerprint(journals.file(dagId, "run").getParent());
    CachedRuns cached = listed.get(dagId);
    if (cached != null && cached.fingerprint.equals(fingerprint)) {
      return cached.runs;
    }
    List<RunSummary> runs = new ArrayList<>(journals.runs(dagId));
    runs.removeIf(run -> !journals.inside(run.file()));
    Collections.reverse(runs);
    List<RunSummary> list = List.copyOf(runs);
    listed.put(dagId, new CachedRuns(fingerprint, list));
    return list;
  }

  private final Map<String, CachedRuns> listed = new ConcurrentHashMap<>();

  private record CachedRuns(String fingerprint, List<RunSummary> runs) {}

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
    Collections.sort(entries);
    return String.join("/", entries);
  }

  /** The shown part of a try's log (see {@link LogPage#MAX_BYTES}), or null when it has none. */
  String tryLog(String dagId, String runId, String taskId, int tryNumber) {
    return store.views().tryLog(dagId, runId, taskId, tryNumber, LogPage.MAX_BYTES);
  }
}
