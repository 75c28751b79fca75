package io.processflow.postgres;

import io.processflow.api.DagRunState;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.ResumePlan;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.execution.RunTakenOverException;
import io.processflow.runtime.execution.TaskLauncher;
import io.processflow.runtime.journal.DagTurns;
import io.processflow.runtime.journal.HeldLocks;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.RunDocuments;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.journal.RunViews;
import io.processflow.runtime.logs.TaskLogRecording;
import io.processflow.runtime.schedule.RunType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs recorded in PostgreSQL instead of a runs directory: a run is a row of {@code pf_run} and its
 * log the rows of {@code pf_run_log}, each the JSON document a journal line holds, so the same
 * reducer replays it and a resume, a clear and {@code list-runs} work as they do with journals.
 *
 * <p>One writer per run: a run is written under its lock (a PostgreSQL session advisory lock,
 * released by the server when the process dies, so a restarted process can take over at once), and
 * each log row's number is unique, so a second writer that got past the lock still cannot record a
 * transition twice: its insert fails and its run stops.
 *
 * <p>A lock whose connection broke (the server restarted) is taken again within {@link #LOCK_CHECK}
 * by a keeper thread, or at the run's next write; if another process took the run meanwhile, this
 * one stops deciding it (see {@link DbRunLock}).
 *
 * <p>Its recorder also keeps the deciding process's lines of each try's log (its end: the error,
 * the retry or the failure) in {@code pf_task_log}, where the worker that ran the try wrote its
 * start and what the task logged (see {@link DbTryLogs}).
 */
public final class DbRunStore implements RunStore {
  private static final Logger log = LoggerFactory.getLogger(DbRunStore.class);

  /** How often the keeper checks that the run locks this process holds are still held. */
  static final Duration LOCK_CHECK = Duration.ofSeconds(1);

  private final Database database;
  private final boolean ownsDatabase;

  /** Locks taken with {@link #lock}, which the recorder uses instead of taking its own. */
  private final List<DbTaskLauncher> launchers = new ArrayList<>();

  private final HeldLocks<DbRunLock> held = new HeldLocks<>(DbRunLock::isHeld);

  /**
   * How many log rows {@link #read} last read of each run: a resume of that run records after
   * exactly those rows, or not at all (see {@link DbRecording#open}).
   */
  private final Map<String, Integer> rowsRead = new ConcurrentHashMap<>();

  /** Every run lock this store has open, by run: the keeper's and the recordings' fences. */
  private final Map<String, DbRunLock> open = new ConcurrentHashMap<>();

  private final DbDagTurns turns;
  private final DbRunViews views;
  private final Duration lockCheck;
  private ScheduledExecutorService keeper;

  private DbRunStore(Database database, boolean ownsDatabase, Duration lockCheck) {
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.lockCheck = lockCheck;
    this.turns = new DbDagTurns(database);
    this.views = new DbRunViews(database);
  }

  /** The runs in {@code database}, which the caller closes. */
  public static DbRunStore in(Database database) {
    return new DbRunStore(database, false, LOCK_CHECK);
  }

  /** Opens the database at {@code url} for its runs; closing the store closes the database. */
  public static DbRunStore open(String url) {
    return open(url, LOCK_CHECK);
  }

  /** {@link #open(String)}, its locks checked every {@code lockCheck} (tests). */
  static DbRunStore open(String url, Duration lockCheck) {
    return new DbRunStore(Database.open(url), true, lockCheck);
  }

  public Database database() {
    return database;
  }

  @Override
  public String where() {
    return database.where();
  }

  /**
   * The name a run's log has in messages: {@code postgres:<dag_id>/<run_id>}, with its row number.
   */
  static Path source(String dagId, String runId) {
    return Path.of("postgres:" + dagId.replace('/', '_'), runId.replace('/', '_'));
  }

  @Override
  public DbRunLock lock(String dagId, String runId) {
    Journals.checkRunId(dagId, runId);
    return held.hold(key(dagId, runId), acquire(dagId, runId));
  }

  /** Takes the lock of a run, which the keeper then watches until it is closed. */
  private DbRunLock acquire(String dagId, String runId) {
    String key = key(dagId, runId);
    DbRunLock lock = DbRunLock.acquire(database, dagId, runId, closed -> open.remove(key, closed));
    open.put(key, lock);
    startKeeper();
    return lock;
  }

  private synchronized void startKeeper() {
    if (keeper == null) {
      keeper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "processflow-db-run-locks");
                thread.setDaemon(true);
                return thread;
              });
      keeper.scheduleWithFixedDelay(
          this::checkLocks, lockCheck.toMillis(), lockCheck.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Takes again the locks whose connection broke, before another process sees them free; a lock
   * another process took meanwhile is marked lost, and its run stops at its next write.
   */
  private void checkLocks() {
    for (DbRunLock lock : open.values()) {
      try {
        lock.check();
      } catch (RunTakenOverException e) {
        // logged by the lock; the run stops at its next write
      } catch (SQLException e) {
        // the server is away: the next round takes the lock again
      } catch (RuntimeException e) {
        log.warn("cannot check a run lock: {}", e.toString());
      }
    }
  }

  /** How the schedulers sharing this database take turns at a DAG: its {@code pf_dag} row. */
  @Override
  public DagTurns dagTurns() {
    return turns;
  }

  private static String key(String dagId, String runId) {
    return dagId + '\0' + runId;
  }

  @Override
  public RunRecorder recorder(boolean sync) {
    return recorder(sync, TaskLogs.KEEP);
  }

  /**
   * {@link #recorder(boolean)}; with {@link TaskLogs#OFF} no try's log is written to {@code
   * pf_task_log}, by this process or by the workers, which read it from the run's header.
   */
  @Override
  public RunRecorder recorder(boolean sync, TaskLogs taskLogs) {
    Objects.requireNonNull(taskLogs, "taskLogs");
    return (DagDefinition dag,
        String runId,
        Instant logicalDate,
        Map<String, Object> params,
        ResumePlan resumedFrom) -> {
      Journals.checkRunId(dag.dagId(), runId);
      String key = key(dag.dagId(), runId);
      return held.open(
          key,
          () -> acquire(dag.dagId(), runId),
          lock -> {
            RunRecorder.Recording recording =
                DbRecording.open(
                    database,
                    RunDocuments.of(dag),
                    dag,
                    runId,
                    logicalDate,
                    params,
                    resumedFrom != null,
                    resumedFrom != null ? rowsRead.remove(key) : null,
                    taskLogs,
                    lock,
                    lock != null ? lock : open.get(key));
            return taskLogs == TaskLogs.OFF
                ? recording
                : TaskLogRecording.wrap(
                    recording,
                    (taskId, tryNumber) ->
                        DbTryLogs.decider(database, dag.dagId(), runId, taskId, tryNumber),
                    TaskLogRecording.Lines.END,
                    dag,
                    runId,
                    logicalDate);
          });
    };
  }

  @Override
  public RecordedRun read(DagDefinition dag, String runId) {
    String dagId = dag.dagId();
    Journals.checkRunId(dagId, runId);
    List<String> documents;
    try (Connection connection = database.connection()) {
      documents =
          Sql.query(
              connection,
              "SELECT l.doc FROM pf_run r JOIN pf_run_log l ON l.run = r.id"
                  + " WHERE r.dag_id = ? AND r.run_id = ? ORDER BY l.seq",
              row -> row.getString(1),
              dagId,
              runId);
    } catch (SQLException e) {
      throw new JournalException(
          source(dagId, runId),
          0,
          "cannot read the run from " + where() + ": " + database.reason(e),
          null);
    }
    if (documents.isEmpty()) {
      List<String> known = new ArrayList<>();
      for (RunSummary run : runs(dagId)) {
        known.add(run.runId());
      }
      throw new JournalException(
          source(dagId, runId),
          0,
          "no run '"
              + runId
              + "' of DAG '"
              + dagId
              + "' in "
              + where()
              + "; its recorded runs are: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)),
          null);
    }
    rowsRead.put(key(dagId, runId), documents.size());
    return RunDocuments.read(source(dagId, runId), documents, dag);
  }

  @Override
  public List<RunSummary> runs(String dagId) {
    try (Connection connection = database.connection()) {
      return Sql.query(
          connection,
          "SELECT run_id, start_date, end_date, state, resumes, logical_date FROM pf_run WHERE dag_id = ?"
              + " ORDER BY start_date NULLS LAST, run_id",
          row ->
              new RunSummary(
                  row.getString(1),
                  RunType.ofRunId(row.getString(1)),
                  instant(row.getTimestamp(6)),
                  instant(row.getTimestamp(2)),
                  instant(row.getTimestamp(3)),
                  // A new run's row says "queued" until the run's first status.
                  DagRunState.fromAirflowName(row.getString(4)),
                  row.getInt(5),
                  source(dagId, row.getString(1))),
          dagId);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot list the runs in " + where() + ": " + database.reason(e), null);
    }
  }

  @Override
  public RunViews views() {
    return views;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** Task bodies run on workers ({@code worker --db URL}): tries are queued in this database. */
  @Override
  public synchronized TaskLauncher launcher(Function<String, DagDefinition> dags) {
    DbTaskLauncher launcher = new DbTaskLauncher(database, dags, DbTaskLauncher.POLL);
    launchers.add(launcher);
    log.info("task bodies run on workers: start them with 'worker --db {}'", where());
    return launcher;
  }

  @Override
  public synchronized void close() {
    launchers.forEach(DbTaskLauncher::close);
    launchers.clear();
    if (keeper != null) {
      keeper.shutdownNow();
      keeper = null;
    }
    if (ownsDatabase) {
      database.close();
    }
  }

  /** Opens {@code jdbc:postgresql:} URLs for {@code --db}. */
  public static final class Provider implements RunStore.Provider {
    @Override
    public boolean accepts(String url) {
      return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public RunStore open(String url) {
      return DbRunStore.open(url);
    }
  }
}
