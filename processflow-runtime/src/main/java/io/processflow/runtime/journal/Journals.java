package io.processflow.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.ResumePlan;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.logs.TaskLogRecording;
import io.processflow.runtime.schedule.RunType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs directory: one journal per run at {@code <runs dir>/<dag_id>/<run_id>.jsonl} (characters
 * other than letters, digits and {@code . _ + -} in the run id become {@code _}), with its lock
 * file {@code <run_id>.jsonl.lock} beside it. The embedded default that needs no setup, like
 * Airflow's SQLite metadata database:
 *
 * <pre>{@code
 * RunConfig config = RunConfig.builder().recorder(Journals.in(Path.of("processflow-runs")).recorder(true)).build();
 * }</pre>
 */
public final class Journals implements RunStore {
  private static final Logger log = LoggerFactory.getLogger(Journals.class);

  /** The CLI's default runs directory, relative to the working directory. */
  public static final Path DEFAULT_RUNS_DIR = Path.of("processflow-runs");

  private static final String SUFFIX = ".jsonl";
  private static final String RUN_STATUS_PREFIX = "{\"type\":\"" + DagRunStatusUpdate.TYPE + "\"";
  private static final String HEADER_PREFIX = "{\"type\":\"" + JournalHeader.TYPE + "\"";

  /**
   * The longest journal file name without its suffix: room for {@code .jsonl.lock} in 255 bytes.
   */
  private static final int MAX_NAME = 240;

  private final Path runsDir;

  /** Locks taken with {@link #lock}, which the recorder uses instead of taking its own. */
  private final HeldLocks<RunLock> held = new HeldLocks<>(RunLock::isHeld);

  /** What views read. */
  private final JournalViews views;

  private Journals(Path runsDir) {
    this.runsDir = runsDir;
    this.views = new JournalViews(this);
  }

  public static Journals in(Path runsDir) {
    return new Journals(Objects.requireNonNull(runsDir, "runsDir"));
  }

  public Path runsDir() {
    return runsDir;
  }

  @Override
  public String where() {
    return runsDir.toString();
  }

  /**
   * The journal of run {@code runId} of DAG {@code dagId}.
   *
   * @throws JournalException when {@code runId} is blank or longer than Airflow's 250 characters
   */
  public Path file(String dagId, String runId) {
    checkRunId(dagId, runId);
    return runsDir.resolve(fileName(dagId)).resolve(fileName(runId) + SUFFIX);
  }

  /**
   * The directory beside the journal of run {@code runId} of {@code dagId} that holds its tasks'
   * logs: the journal's path without {@code .jsonl} (see {@code TaskLogFiles}). A run id that maps
   * to {@code .} or {@code ..} gets {@code %2E} for each dot instead, a name no other run id maps
   * to, so that no run id reaches outside its DAG's directory.
   *
   * @throws JournalException when {@code runId} is blank or longer than Airflow's 250 characters
   */
  public Path runDir(String dagId, String runId) {
    checkRunId(dagId, runId);
    String name = fileName(runId);
    if (name.equals(".") || name.equals("..")) {
      name = name.replace(".", "%2E");
    }
    return runsDir.resolve(fileName(dagId)).resolve(name);
  }

  /**
   * Airflow's limit on run ids: not blank, at most {@value TaskIds#MAX_LENGTH} characters.
   *
   * @throws JournalException naming the DAG, the run id (cut) and the rule
   */
  public static void checkRunId(String dagId, String runId) {
    if (runId == null || runId.isBlank() || runId.length() > TaskIds.MAX_LENGTH) {
      throw new JournalException(
          null,
          0,
          "run id '"
              + TaskIds.shown(runId)
              + "' of DAG '"
              + TaskIds.shown(dagId)
              + "' is invalid: a run id is 1 to "
              + TaskIds.MAX_LENGTH
              + " characters (Airflow's limit), not blank",
          null);
    }
  }

  /**
   * {@code id} as a file name: characters other than {@code [A-Za-z0-9._+-]} become {@code _}, and
   * a name longer than {@value #MAX_NAME} keeps its start and a hash of the whole id, so that the
   * journal and its lock file stay within the 255 bytes file systems allow.
   */
  private static String fileName(String id) {
    String name = id.replaceAll("[^A-Za-z0-9._+-]", "_");
    if (name.length() <= MAX_NAME) {
      return name;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return name.substring(0, MAX_NAME - 17) + "~" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Why {@code e} happened, in words, naming the file: for messages that end in exit status 2. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof FileAlreadyExistsException) {
      return e.getMessage() + " is in the way: it is a file, where a directory is needed";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + e.getMessage();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + ": " + f.getFile();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /**
   * Locks run {@code runId} of {@code dagId} for this process until the lock is closed: one writer
   * per run (see {@link RunLock}). A recorder of this {@code Journals} then journals that run under
   * this lock; take it before reading a run to resume, so that no other process appends between the
   * reading and the resumed run.
   *
   * @throws JournalException when another process holds it
   */
  @Override
  public RunLock lock(String dagId, String runId) {
    Path file = file(dagId, runId);
    return held.hold(file, RunLock.acquire(file, dagId, runId));
  }

  /**
   * Journals every run it is given to: a new run gets a new journal (an existing one for the same
   * run id is an error), a resumed run appends to its journal. A run is journaled under its {@link
   * RunLock}, taken here unless {@link #lock} took it; a journal is created whole (written aside,
   * then renamed into place), so a crash never leaves a journal without its header. With {@code
   * sync} false nothing is forced to disk: a crash of the process loses nothing, a crash of the
   * machine may. Each try of each task gets its own log file beside the journal (see {@code
   * TaskLogFiles}).
   */
  @Override
  public RunRecorder recorder(boolean sync) {
    return recorder(sync, TaskLogs.KEEP);
  }

  /**
   * {@link #recorder(boolean)}; with {@link TaskLogs#OFF} no try gets a log file (nor its task a
   * directory), and the journal's header records that the run kept none.
   */
  @Override
  public RunRecorder recorder(boolean sync, TaskLogs taskLogs) {
    Objects.requireNonNull(taskLogs, "taskLogs");
    return (DagDefinition dag,
        String runId,
        Instant logicalDate,
        Map<String, Object> params,
        ResumePlan resumedFrom) -> {
      Path file = file(dag.dagId(), runId);
      RunRecorder.Recording journal =
          held.open(
              file,
              () -> RunLock.acquire(file, dag.dagId(), runId),
              lock ->
                  JournalMiddleware.open(
                      file,
                      dag,
                      JournalHeader.of(
                          dag, runId, logicalDate, params, resumedFrom != null, taskLogs),
                      sync,
                      lock));
      return taskLogs == TaskLogs.OFF
          ? journal
          : TaskLogRecording.wrap(journal, runDir(dag.dagId(), runId), dag, runId, logicalDate);
    };
  }

  /**
   * Reads the journal of run {@code runId} of {@code dag}, its task outputs as the types its tasks
   * declare; a missing one is an error listing the DAG's runs.
   */
  @Override
  public RecordedRun read(DagDefinition dag, String runId) {
    String dagId = dag.dagId();
    Path file = file(dagId, runId);
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new JournalException(
          file, 0, "the journal of run '" + runId + "' is not a file; move it away", null);
    }
    if (!Files.isRegularFile(file)) {
      List<String> known = new ArrayList<>();
      for (RunSummary run : runs(dagId)) {
        known.add(run.runId());
      }
      throw new JournalException(
          file,
          0,
          "no journal of run '"
              + runId
              + "' of DAG '"
              + dagId
              + "'; its recorded runs are: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)),
          null);
    }
    RecordedRun run;
    try {
      run = JournalReader.read(file, dag);
    } catch (UncheckedIOException e) {
      throw new JournalException(file, 0, "cannot read the journal: " + reason(e.getCause()), e);
    }
    if (!run.first().runId().equals(runId) || !run.first().dagId().equals(dagId)) {
      throw new JournalException(
          file,
          1,
          "the journal records run '"
              + run.first().runId()
              + "' of DAG '"
              + run.first().dagId()
              + "', not run '"
              + runId
              + "' of DAG '"
              + dagId
              + "'",
          null);
    }
    return run;
  }

  /**
   * The recorded runs of {@code dagId}, oldest first: only header and run-status lines are read,
   * and lines that cannot be read are skipped.
   */
  @Override
  public List<RunSummary> runs(String dagId) {
    Path dir = runsDir.resolve(fileName(dagId));
    List<RunSummary> runs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return runs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        try {
          RunSummary run = Files.isRegularFile(file) ? summary(file) : null;
          if (run != null) {
            runs.add(run);
          } else if (Files.isRegularFile(file)) {
            log.warn(
                "skipping {}: its first line is not a readable journal header (resume it to see"
                    + " why, or move the file away)",
                file);
          }
        } catch (IOException | UncheckedIOException e) {
          log.warn("skipping {}: it cannot be read ({})", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new JournalException(dir, 0, "cannot list the runs: " + reason(e), e);
    }
    runs.sort(
        Comparator.comparing(RunSummary::start, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(RunSummary::runId));
    return runs;
  }

  @Override
  public RunViews views() {
    return views;
  }

  /** True when {@code file} is inside the runs directory once links are followed (or absent). */
  public boolean inside(Path file) {
    return views.inside(file);
  }

  /** The file names of each DAG's journals that {@link #newRuns} has reported (or was told of). */
  private final Map<String, Set<String>> reported = new ConcurrentHashMap<>();

  /**
   * The runs of {@code dagId} recorded since the last call (all of them at the first, except those
   * {@link #seen}), from their headers: a listing of the DAG's journal names, and a header read for
   * each new one. Listing every time costs about 1.4 µs per journal, but trusts no file time
   * (coarse or skewed clocks of a network file system would hide a new run).
   */
  @Override
  public List<RunSummary> newRuns(String dagId) {
    Path dir = runsDir.resolve(fileName(dagId));
    List<RunSummary> runs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return runs;
    }
    Set<String> known = reported(dagId);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!known.contains(name)) {
          RunSummary run = fromHeader(file);
          if (run != null) { // else not written yet, or unreadable: looked at again next time
            known.add(name);
            runs.add(run);
          }
        }
      }
    } catch (IOException e) {
      throw new JournalException(dir, 0, "cannot list the runs: " + reason(e), e);
    }
    return runs;
  }

  @Override
  public void seen(String dagId, List<RunSummary> runs) {
    Set<String> known = reported(dagId);
    for (RunSummary run : runs) {
      if (run.file() != null) {
        known.add(run.file().getFileName().toString());
      }
    }
  }

  private Set<String> reported(String dagId) {
    return reported.computeIfAbsent(dagId, id -> ConcurrentHashMap.newKeySet());
  }

  /** A run as its journal's first line, its header, tells it (its state unread), or null. */
  private static RunSummary fromHeader(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      if (line == null || !line.startsWith(HEADER_PREFIX)) {
        return null;
      }
      JsonNode header = JournalLines.tree(line);
      String runId = header.path("runId").asText();
      return new RunSummary(
          runId,
          runType(header, runId),
          logicalDate(header),
          null,
          null,
          DagRunState.QUEUED,
          0,
          file);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A header's run type; journals from before run types were recorded: read from the run id. */
  private static RunType runType(JsonNode header, String runId) {
    RunType recorded = RunType.ofValue(header.path("runType").asText());
    return recorded != null ? recorded : RunType.ofRunId(runId);
  }

  private static Instant logicalDate(JsonNode header) throws IOException {
    return JournalJson.MAPPER.treeToValue(header.path("logicalDate"), Instant.class);
  }

  private static RunSummary summary(Path file) throws IOException {
    String runId = null;
    RunType runType = null;
    Instant logicalDate = null;
    int headers = 0;
    Instant start = null;
    Instant end = null;
    DagRunState state = DagRunState.QUEUED;
    // Bytes that are not UTF-8 decode as U+FFFD: they are in lines list-runs does not need, or the
    // line is unreadable anyway; resume reports them with their line.
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        try {
          if (line.startsWith(HEADER_PREFIX)) {
            JsonNode header = JournalLines.tree(line);
            headers++;
            if (runId == null) {
              runId = header.path("runId").asText();
              logicalDate = logicalDate(header);
            }
            runType = runType(header, runId);
          } else if (line.startsWith(RUN_STATUS_PREFIX)) {
            DagRunStatusUpdate update =
                JournalJson.MAPPER.treeToValue(JournalLines.tree(line), DagRunStatusUpdate.class);
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
    return runId == null
        ? null
        : new RunSummary(
            runId, runType, logicalDate, start, end, state, Math.max(headers - 1, 0), file);
  }
}
