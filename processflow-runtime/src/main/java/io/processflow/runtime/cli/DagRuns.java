package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.ParamValidationException;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.logs.TaskLogFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/**
 * Runs a DAG once for the command line: its progress goes to standard error, its summary to {@code
 * out}, the result to the exit code.
 *
 * <p>Ctrl-C and SIGTERM cancel the run: a shutdown hook, registered for the run's duration, cancels
 * it (running tries are interrupted and fail, nothing new starts), waits up to {@link
 * #CANCEL_GRACE} for it to end, and prints the summary; the JVM then exits with the signal's
 * status, 130 for SIGINT and 143 for SIGTERM. A signal that comes once the run has ended (or that a
 * run outlives, succeeding) changes nothing: the summary is printed once and the status is the
 * run's.
 */
final class DagRuns {
  static final int SUCCEEDED = 0;
  static final int FAILED = 1;
  static final int BAD_ARGUMENTS = 2;

  /** Internal: the JVM is shutting down on a signal, whose hook decides the status. */
  private static final int SIGNALLED = -1;

  /** How long a cancelled run may take to end before the JVM exits without its summary. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private DagRuns() {}

  /**
   * Runs {@code dag} as {@code options} say: progress on standard error while it runs, then the
   * summary on standard output. A journal that cannot be used (the run's lock held by another
   * process, a runs directory that cannot be written, a run id that already has a journal) is a
   * message and status {@link #BAD_ARGUMENTS}, before any task runs.
   *
   * @throws CommandLine.ParameterException before any task runs, for bad options or params
   */
  static int run(DagDefinition dag, RunOptions options, CommandLine commandLine) {
    ProgressOptions shown = options.progress;
    boolean signalled = false;
    try {
      options.journal.open(commandLine);
    } catch (JournalException e) {
      commandLine.getErr().println(e.getMessage());
      commandLine.getErr().flush();
      options.journal.release();
      return BAD_ARGUMENTS;
    }
    try (ProgressReporter progress =
        ProgressReporter.start(dag, shown.progress, shown.interval, commandLine.getErr())) {
      Summary summary =
          new Summary(commandLine.getOut(), progress, shown.fullSummary, options.journal.runsDir);
      RunReport report = options.report == null ? null : reportWriter(commandLine);
      if (report != null) {
        requireWritable(options.report, commandLine);
      }
      RunConfig config = options.toConfig(commandLine, dag, progress.progress());
      progress.progress().logicalDate(config.logicalDate());
      int status = run(dag, config, options.journal.runner(dag), summary, commandLine);
      signalled = status == SIGNALLED;
      if (report != null && !signalled) {
        status = writeReport(report, dag, options, summary.runId, commandLine, status);
      }
      return signalled ? FAILED : status;
    } catch (JournalException e) {
      commandLine.getErr().println(e.getMessage());
      commandLine.getErr().flush();
      return BAD_ARGUMENTS;
    } finally {
      if (!signalled) { // a signalled JVM is exiting: the hook may still be writing the journal
        options.journal.release();
      }
    }
  }

  private static int run(
      DagDefinition dag,
      RunConfig config,
      DagRunner.Builder builder,
      Summary summary,
      CommandLine commandLine) {
    // The hook is registered before the run starts, so that no signal can slip in between a task
    // starting and the hook being there; it waits for the handle.
    CompletableFuture<RunHandle> started = new CompletableFuture<>();
    Thread hook = new Thread(() -> cancel(started, summary), "processflow-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    RunResult result;
    try (DagRunner runner = builder.build()) {
      RunHandle handle;
      try {
        handle = runner.start(dag, config);
      } catch (RuntimeException | Error e) {
        started.completeExceptionally(e);
        removeHook(hook);
        if (e instanceof ParamValidationException invalid) {
          throw new CommandLine.ParameterException(
              commandLine, "Invalid value for option '--param': " + invalid.getMessage());
        }
        throw e;
      }
      started.complete(handle);
      try {
        result = handle.join();
      } catch (RuntimeException e) {
        if (!removeHook(hook)) {
          return SIGNALLED;
        }
        // An aborted run, such as a journal that could no longer be written: what it got to, and
        // why.
        summary.out.print(handle.snapshot().summary(summary.full));
        summary.out.flush();
        commandLine.getErr().println(aborted(handle.runId(), e));
        commandLine.getErr().flush();
        return FAILED;
      }
    }
    // The summary before the hook goes: a SIGTERM from here on finds it printed.
    summary.runId = result.runId();
    summary.print(result);
    if (!removeHook(hook)) {
      // A signal arrived: the hook ends the JVM, with the run's status since it had ended.
      return SIGNALLED;
    }
    return result.succeeded() ? SUCCEEDED : FAILED;
  }

  /**
   * Where the summary goes, printed once, whether the main thread or the hook gets there first; the
   * progress display is closed first so that the summary is not drawn over.
   */
  private static final class Summary {
    final PrintWriter out;
    final ProgressReporter progress;
    final boolean full;

    /** Where the failed tasks' logs are. */
    final Path runsDir;

    private boolean printed;

    /** The run's id once it has ended, for its report. */
    String runId;

    Summary(PrintWriter out, ProgressReporter progress, boolean full, Path runsDir) {
      this.out = out;
      this.progress = progress;
      this.full = full;
      this.runsDir = runsDir;
    }

    /** The hook must not halt the JVM while the main thread prints: both print under this lock. */
    synchronized void print(RunResult result) {
      if (!printed) {
        printed = true;
        progress.close();
        out.print(
            result.summary(
                full,
                (task, attempt) ->
                    TaskLogFiles.file(runsDir, result.dagId(), result.runId(), task, attempt)));
      }
      out.flush();
    }
  }

  /** The {@link RunReport} on the classpath; an error before the run when there is none. */
  private static RunReport reportWriter(CommandLine commandLine) {
    RunReport report = RunReport.find();
    if (report == null) {
      throw new CommandLine.ParameterException(
          commandLine,
          "--report needs the processflow-ui module on the classpath (io.processflow:processflow-ui); nothing ran");
    }
    return report;
  }

  /**
   * Refuses, before anything runs, a report file that could not be written: a directory, or a
   * folder that cannot be made (a file in the way, no permission). Makes its folder.
   */
  private static void requireWritable(Path file, CommandLine commandLine) {
    String problem = null;
    if (Files.isDirectory(file)) {
      problem = file + " is a directory";
    } else {
      Path folder = file.toAbsolutePath().getParent();
      try {
        Files.createDirectories(folder);
        if (!Files.isWritable(folder)) {
          problem = "permission denied: " + folder;
        }
      } catch (IOException e) {
        problem = Journals.reason(e);
      }
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(
          commandLine, "Cannot write the report to " + file + ": " + problem + "; nothing ran");
    }
  }

  /** Writes the ended run's report; a report that cannot be written fails the command. */
  private static int writeReport(
      RunReport report,
      DagDefinition dag,
      RunOptions options,
      String runId,
      CommandLine commandLine,
      int status) {
    if (runId == null) {
      return status;
    }
    try {
      report.write(dag, options.journal.store(), runId, options.report);
      commandLine.getErr().println("report of run " + runId + " written to " + options.report);
      commandLine.getErr().flush();
      return status;
    } catch (IOException | RuntimeException e) {
      commandLine
          .getErr()
          .println(
              "Cannot write the report to "
                  + options.report
                  + ": "
                  + (e instanceof IOException io ? Journals.reason(io) : e.getMessage()));
      commandLine.getErr().flush();
      return FAILED;
    }
  }

  /** Why the run was aborted, without a stack trace: the journal's own message when it was that. */
  private static String aborted(String runId, RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UncheckedIOException journal) {
        return "Run "
            + runId
            + " stopped: "
            + journal.getMessage()
            + ". Tasks it was running are not"
            + " recorded as ended; once the journal can be written, --resume "
            + runId
            + " runs every task that had not succeeded.";
      }
    }
    return e.getMessage();
  }

  /** Removes the hook; false when the JVM is already shutting down (the hook runs or has run). */
  private static boolean removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  /**
   * Lets interrupted task bodies finish their cleanup before the JVM exits, within the grace; a
   * body that ignores its interrupt only delays the exit until then.
   */
  private static void awaitBodies(RunHandle handle, long deadline) throws InterruptedException {
    try {
      handle.terminated().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Nothing more to wait for, or no more time to wait.
    }
  }

  /**
   * The shutdown hook: cancels the run, waits for it to end and prints its summary. A run that had
   * already ended, or that succeeded all the same, is not changed by the signal: the hook then ends
   * the JVM with the run's own status ({@code halt}, the only way to set the status of a JVM that
   * is shutting down on a signal), after its summary.
   */
  private static void cancel(CompletableFuture<RunHandle> started, Summary summary) {
    long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
    try {
      RunHandle handle = started.get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      boolean ended = handle.result().isDone();
      handle.cancel();
      try {
        RunResult result = handle.result().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        awaitBodies(handle, deadline);
        summary.print(result);
        if (ended || result.succeeded()) {
          Runtime.getRuntime().halt(result.succeeded() ? SUCCEEDED : FAILED);
        }
      } catch (TimeoutException e) {
        summary.out.printf(
            "run %s did not end within %ss of being cancelled%n",
            handle.runId(), CANCEL_GRACE.toSeconds());
      }
    } catch (ExecutionException | TimeoutException e) {
      // The run never started: there is nothing to cancel or summarise.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    summary.out.flush();
  }
}
