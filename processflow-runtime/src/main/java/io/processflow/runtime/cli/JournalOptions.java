package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.TaskLauncher;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The journal options of one run: where journals go, and which recorded run to resume. */
final class JournalOptions {
  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description =
          "Where run journals are kept: DIR/<dag_id>/<run_id>.jsonl (default: ./processflow-runs).")
  Path runsDir = Journals.DEFAULT_RUNS_DIR;

  @Option(
      names = "--db",
      paramLabel = "URL",
      description =
          "Records the run in a database instead of --runs-dir, e.g. jdbc:postgresql://host:5432/db?user=pf"
              + " (the password from PROCESSFLOW_DB_PASSWORD or PROCESSFLOW_DB_PASSWORD_FILE); needs"
              + " processflow-postgres on the classpath.")
  String db;

  @Option(
      names = "--resume",
      paramLabel = "RUN_ID",
      description = "Resumes a recorded run: keeps the tasks that succeeded, runs the others.")
  String resume;

  @Option(
      names = "--clear",
      paramLabel = "TASK_ID",
      description =
          "With --resume: runs TASK_ID and its downstream tasks again even if they succeeded; repeatable.")
  List<String> clear = new ArrayList<>();

  @Option(
      names = "--no-fsync",
      description =
          "Writes the journal without forcing it to disk: much faster (each task otherwise waits for"
              + " two fsyncs); a crash of the process still loses nothing, a crash of the machine may"
              + " lose the last transitions.")
  boolean noFsync;

  @Mixin TaskLogsOption taskLogs;

  /** The lock of the run being resumed, taken before its journal is read; see {@link #release}. */
  private RunStore.Lock lock;

  /** Where the run is recorded, closed by {@link #release}. */
  private RunStore store;

  /**
   * Opens where runs are recorded (once; later calls return it): before anything is shown, so that
   * a database that cannot be reached is the command's first and only words.
   */
  RunStore open(CommandLine commandLine) {
    if (store == null) {
      store = store(db, runsDir, commandLine);
    }
    return store;
  }

  /**
   * Journals the run in {@link #runsDir}; with {@code --resume}, locks the recorded run (one writer
   * per run) and takes its id, logical date and params (explicit {@code --param}s are applied over
   * them afterwards).
   *
   * @throws JournalException when the run to resume is locked by another process
   */
  void configure(
      RunConfig.Builder config, DagDefinition dag, RunOptions run, CommandLine commandLine) {
    RunStore journals = open(commandLine);
    config.recorder(journals.recorder(!noFsync, taskLogs.taskLogs()));
    if (resume == null) {
      if (!clear.isEmpty()) {
        throw new CommandLine.ParameterException(
            commandLine, "--clear needs --resume RUN_ID: it clears tasks of a recorded run");
      }
      return;
    }
    if (run.runId != null || run.inputs.logicalDate != null) {
      throw new CommandLine.ParameterException(
          commandLine,
          "--resume keeps the recorded run's id and logical date; leave out --run-id and --logical-date");
    }
    // Locked before reading: no other process may append between the reading and the resumed run.
    lock = journals.lock(dag.dagId(), resume);
    try {
      RecordedRun recorded = journals.read(dag, resume);
      config.resume(Resumes.plan(dag, recorded, clear));
      config.runId(resume);
      config.logicalDate(recorded.first().logicalDate());
      config.params(recorded.first().params());
    } catch (JournalException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          commandLine, "Cannot resume run '" + resume + "': " + e.getMessage());
    }
  }

  /**
   * The run's runner: task bodies on this process's threads, or where the store launches them
   * (workers).
   */
  DagRunner.Builder runner(DagDefinition dag) {
    TaskLauncher launcher = store == null ? null : store.launcher(id -> dag);
    return launcher == null ? DagRunner.builder() : DagRunner.builder().launcher(launcher);
  }

  /** Where the run is recorded, from {@link #configure} until {@link #release}. */
  RunStore store() {
    return store;
  }

  /** Releases the lock {@link #configure} took, once the run has ended (or never started). */
  void release() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /**
   * {@code runsDir}, unless it is empty ({@code --runs-dir ''}), which would be the working
   * directory: journals would land among the user's files.
   */
  static Path requireRunsDir(Path runsDir, CommandLine commandLine) {
    if (runsDir.toString().isBlank()) {
      throw new CommandLine.ParameterException(
          commandLine,
          "Invalid value for option '--runs-dir': it is empty; give a directory (default: "
              + Journals.DEFAULT_RUNS_DIR
              + ")");
    }
    return runsDir;
  }

  /**
   * The database at {@code db}, else the runs directory {@code runsDir}.
   *
   * @throws CommandLine.ParameterException when both are given, or no module on the classpath opens
   *     {@code db}
   */
  static RunStore store(String db, Path runsDir, CommandLine commandLine) {
    if (db == null) {
      return Journals.in(requireRunsDir(runsDir, commandLine));
    }
    if (commandLine.getParseResult().hasMatchedOption("--runs-dir")) {
      throw new CommandLine.ParameterException(
          commandLine, "--db and --runs-dir both say where runs are recorded; give one of them");
    }
    try {
      return RunStore.open(db);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CommandLine.ParameterException(
          commandLine, "Invalid value for option '--db': " + e.getMessage());
    }
  }
}
