package io.processflow.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.ResumePlan;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runs directory: one journal per run at {@code <runs dir>/<dag_id>/<run_id>.jsonl} (characters
 * other than letters, digits and {@code . _ + -} in the run id become {@code _}). The embedded
 * default that needs no setup, like Airflow's SQLite metadata database:
 *
 * <pre>{@code
 * RunConfig config = RunConfig.builder().recorder(Journals.in(Path.of("processflow-runs")).recorder(true)).build();
 * }</pre>
 */
public final class Journals {
  /** The CLI's default runs directory, relative to the working directory. */
  public static final Path DEFAULT_RUNS_DIR = Path.of("processflow-runs");

  private static final String SUFFIX = ".jsonl";
  private static final String RUN_STATUS_PREFIX = "{\"type\":\"" + DagRunStatusUpdate.TYPE + "\"";
  private static final String HEADER_PREFIX = "{\"type\":\"" + JournalHeader.TYPE + "\"";

  private final Path runsDir;

  private Journals(Path runsDir) {
    this.runsDir = runsDir;
  }

  public static Journals in(Path runsDir) {
    return new Journals(Objects.requireNonNull(runsDir, "runsDir"));
  }

  public Path runsDir() {
    return runsDir;
  }

  /** The journal of run {@code runId} of DAG {@code dagId}. */
  public Path file(String dagId, String runId) {
    return runsDir.resolve(fileName(dagId)).resolve(fileName(runId) + SUFFIX);
  }

  private static String fileName(String id) {
    return id.replaceAll("[^A-Za-z0-9._+-]", "_");
  }

  /**
   * Journals every run it is given to: a new run gets a new journal (an existing one for the same
   * run id is an error), a resumed run appends to its journal. With {@code sync} false nothing is
   * forced to disk: a crash of the process loses nothing, a crash of the machine may.
   */
  public RunRecorder recorder(boolean sync) {
    return (DagDefinition dag, String runId, Instant logicalDate, Map<String, Object> params, ResumePlan resumedFrom) ->
        JournalMiddleware.open(
            file(dag.dagId(), runId),
            dag,
            new JournalHeader(
                JournalHeader.FORMAT, dag.dagId(), runId, logicalDate, params, dag.taskIds(),
                resumedFrom != null, Instant.now()),
            sync);
  }

  /** Reads the journal of run {@code runId}; a missing one is an error listing the DAG's runs. */
  public RecordedRun read(String dagId, String runId) {
    Path file = file(dagId, runId);
    if (!Files.isRegularFile(file)) {
      List<String> known = new ArrayList<>();
      for (RunSummary run : runs(dagId)) {
        known.add(run.runId());
      }
      throw new JournalException(
          file, 0,
          "no journal of run '" + runId + "' of DAG '" + dagId + "'; its recorded runs are: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)),
          null);
    }
    RecordedRun run = JournalReader.read(file);
    if (!run.first().runId().equals(runId) || !run.first().dagId().equals(dagId)) {
      throw new JournalException(
          file, 1,
          "the journal records run '" + run.first().runId() + "' of DAG '" + run.first().dagId()
              + "', not run '" + runId + "' of DAG '" + dagId + "'",
          null);
    }
    return run;
  }

  /**
   * The recorded runs of {@code dagId}, oldest first: only header and run-status lines are read, and
   * lines that cannot be read are skipped.
   */
  public List<RunSummary> runs(String dagId) {
    Path dir = runsDir.resolve(fileName(dagId));
    List<RunSummary> runs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return runs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        RunSummary run = summary(file);
        if (run != null) {
          runs.add(run);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the runs in " + dir + ": " + e.getMessage(), e);
    }
    runs.sort(Comparator.comparing(RunSummary::start, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(RunSummary::runId));
    return runs;
  }

  private static RunSummary summary(Path file) throws IOException {
    String runId = null;
    int headers = 0;
    Instant start = null;
    Instant end = null;
    DagRunState state = DagRunState.QUEUED;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        try {
          if (line.startsWith(HEADER_PREFIX)) {
            JsonNode header = JournalLines.tree(line);
            headers++;
            if (runId == null) {
              runId = header.path("runId").asText();
            }
          } else if (line.startsWith(RUN_STATUS_PREFIX)) {
            DagRunStatusUpdate update = Json.mapper().treeToValue(JournalLines.tree(line), DagRunStatusUpdate.class);
            state = update.state();
            if (start == null && state == DagRunState.RUNNING) {
              start = update.timestamp();
            }
            end = state.isTerminal() ? update.timestamp() : null;
          }
        } catch (IOException | RuntimeException torn) {
          // list-runs is a summary: a torn or corrupt line does not hide the run
        }
      }
    }
    return runId == null ? null : new RunSummary(runId, start, end, state, Math.max(headers - 1, 0), file);
  }
}
