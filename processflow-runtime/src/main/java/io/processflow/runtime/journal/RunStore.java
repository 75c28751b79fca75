package io.processflow.runtime.journal;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.execution.TaskLauncher;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Where runs are recorded: the runs directory's journals ({@link Journals}, the default that needs
 * no setup) or a database (the {@code processflow-postgres} module). Both keep a run as the same
 * JSON documents read with the same rules, so a resume, a clear and {@code list-runs} work the same
 * against either.
 */
public interface RunStore extends AutoCloseable {
  /**
   * Records every run it is given to: a new run gets a new log, a resumed run appends to its own.
   * Each try of each task keeps its log: {@code recorder(sync, TaskLogs.KEEP)}.
   */
  RunRecorder recorder(boolean sync);

  /**
   * {@link #recorder(boolean)}, keeping the tries' logs or not: with {@link TaskLogs#OFF} a run
   * creates no log per try, and its header says so, so that {@code logs} and the web UI can tell
   * why a try has none.
   *
   * @throws UnsupportedOperationException for {@link TaskLogs#OFF} when the store always keeps them
   */
  default RunRecorder recorder(boolean sync, TaskLogs taskLogs) {
    if (taskLogs == TaskLogs.KEEP) {
      return recorder(sync);
    }
    throw new UnsupportedOperationException(
        getClass().getName() + " keeps every try's log; it cannot record a run without them");
  }

  /** Whether a run keeps a log of each try of each task (the CLI's {@code --no-task-logs}). */
  enum TaskLogs {
    /** Each try keeps its log, beside the journal or in the database: the default. */
    KEEP,
    /**
     * No try keeps a log, which saves a directory and a file per try on DAGs of many tiny tasks:
     * {@code TaskLog.of(context)} hands its lines to the SLF4J backend only, as without a journal.
     */
    OFF
  }

  /**
   * Locks run {@code runId} of {@code dagId} for this process until the lock is closed: one writer
   * per run. Take it before reading a run to resume, so that no other process appends between the
   * reading and the resumed run.
   *
   * @throws JournalException when another process holds it
   */
  Lock lock(String dagId, String runId);

  /**
   * Reads run {@code runId} of {@code dag}, task outputs as the types its tasks declare.
   *
   * @throws JournalException when the run is not recorded (naming the recorded ones) or cannot be
   *     read
   */
  RecordedRun read(DagDefinition dag, String runId);

  /** The recorded runs of {@code dagId}, oldest first. */
  List<RunSummary> runs(String dagId);

  /**
   * The runs of {@code dagId} recorded since the last call on this store (all of them at the
   * first), read from their headers alone: id, type and logical date; their state is not read. A
   * scheduler on a runs directory learns so of the runs other commands made while it runs (a
   * database's schedulers read its tables instead: none by default).
   */
  default List<RunSummary> newRuns(String dagId) {
    return List.of();
  }

  /** {@code runs} of {@code dagId} are known already: {@link #newRuns} does not report them. */
  default void seen(String dagId, List<RunSummary> runs) {}

  /**
   * What views (the web UI, the report, the logs command) read of the runs: the same for either
   * store.
   */
  RunViews views();

  /**
   * Where this store's runs run their task bodies, for the DAGs {@code dags} finds by id: null for
   * this process's own threads (the runs directory), a launcher to workers for a database. The
   * store closes it.
   */
  default TaskLauncher launcher(Function<String, DagDefinition> dags) {
    return null;
  }

  /**
   * How schedulers sharing this store take turns at a DAG, or null when one scheduler has the store
   * to itself (a runs directory, which the scheduler locks whole).
   */
  default DagTurns dagTurns() {
    return null;
  }

  /** Where the runs are, for messages: a directory, or a database URL without its credentials. */
  String where();

  /** Releases what the store holds (a database's connections); a runs directory holds nothing. */
  @Override
  default void close() {}

  /** A run's lock; see {@link #lock}. */
  interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A store behind a URL, such as {@code jdbc:postgresql://…}, found through {@link ServiceLoader}.
   */
  interface Provider {
    /** True when this provider opens {@code url}. */
    boolean accepts(String url);

    /** Opens the store at {@code url}. */
    RunStore open(String url);
  }

  /**
   * Opens the store at {@code url} with the first {@link Provider} on the classpath that accepts
   * it.
   *
   * @throws IllegalArgumentException when none does, saying which module to add
   */
  static RunStore open(String url) {
    for (Provider provider : ServiceLoader.load(Provider.class)) {
      if (provider.accepts(url)) {
        return provider.open(url);
      }
    }
    String scheme =
        url.startsWith("jdbc:") ? url.substring(0, url.indexOf(':', 5) + 1) : url.split("//", 2)[0];
    throw new IllegalArgumentException(
        "no run store on the classpath accepts the URL "
            + scheme
            + "…; for jdbc:postgresql://host:5432/db"
            + " add the dependency io.processflow:processflow-postgres");
  }
}
