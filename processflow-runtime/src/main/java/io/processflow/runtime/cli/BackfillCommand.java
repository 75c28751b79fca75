package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.ProcessLock;
import io.processflow.runtime.schedule.RunIds;
import io.processflow.runtime.scheduler.Backfill;
import io.processflow.runtime.scheduler.JournaledRuns;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backfill DAG_ID --from-date D --to-date D}: Airflow 3's {@code airflow backfill create},
 * run by this process (there is no separate scheduler to hand the runs to). See {@link Backfill}
 * for which runs it starts. SIGTERM or Ctrl-C stops it from starting runs; running ones finish
 * within {@link DagRuns#CANCEL_GRACE}, and starting the same backfill again resumes or skips what
 * was done.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Runs a scheduled DAG for its past intervals between two dates, as Airflow 3's 'backfill create':"
            + " new runs are backfill__<run after> (Airflow's name: the logical date, or a data interval's end); existing runs are skipped, or cleared and run again"
            + " with --reprocess-behavior; runs in flight are always skipped.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every run it started succeeded (or --dry-run)",
      "1:a run failed",
      "2:bad arguments, such as dates in the future, a DAG without a periodic schedule, or another backfill of the DAG"
    })
final class BackfillCommand implements Callable<Integer> {
  private final List<DagProvider> providers;
  private final Clock clock;

  @Parameters(
      index = "0",
      paramLabel = "DAG_ID",
      description = "The scheduled DAG to backfill (see 'list').")
  String dagId;

  @Option(
      names = "--from-date",
      required = true,
      paramLabel = "DATE",
      converter = LogicalDateConverter.class,
      description =
          "The first logical date (inclusive): an ISO-8601 instant, or a date such as 2024-01-01 (UTC).")
  Instant fromDate;

  @Option(
      names = "--to-date",
      required = true,
      paramLabel = "DATE",
      converter = LogicalDateConverter.class,
      description = "The last logical date (inclusive).")
  Instant toDate;

  @Option(
      names = "--reprocess-behavior",
      paramLabel = "none|completed|failed",
      converter = ReprocessConverter.class,
      description =
          "Which existing runs to clear and run again: none (default), failed, or completed"
              + " (succeeded and failed).")
  Backfill.Reprocess reprocess = Backfill.Reprocess.NONE;

  @Option(
      names = "--max-active-runs",
      paramLabel = "N",
      description = "At most N of its runs at once (default: 10, as Airflow's backfill).")
  int maxActiveRuns = 10;

  @Option(names = "--run-backwards", description = "Runs the latest interval first.")
  boolean runBackwards;

  @Option(
      names = "--dry-run",
      description = "Prints what it would do for each logical date, and runs nothing.")
  boolean dryRun;

  @Mixin RunsDirOption runsDirOption;

  @Option(
      names = "--no-fsync",
      description = "Writes journals without forcing them to disk (see 'run --help').")
  boolean noFsync;

  @Mixin TaskLogsOption taskLogs;

  @Spec CommandLine.Model.CommandSpec spec;

  BackfillCommand(List<DagProvider> providers, Clock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public Integer call() throws InterruptedException {
    CommandLine commandLine = spec.commandLine();
    if (maxActiveRuns < 1) {
      throw new CommandLine.ParameterException(
          commandLine,
          "Invalid value for option '--max-active-runs': "
              + maxActiveRuns
              + "; it must be at least 1");
    }
    DagDefinition dag = KnownDags.find(providers, dagId, commandLine).definition();
    Journals journals =
        Journals.in(JournalOptions.requireRunsDir(runsDirOption.dir(), commandLine));
    PrintWriter out = commandLine.getOut();
    ProcessLock lock = null;
    try (DagRunner runner = DagRunner.create()) {
      if (!dryRun) {
        lock = ProcessLock.backfill(journals, dagId);
      }
      JournaledRuns runs = new JournaledRuns(runner, journals, !noFsync, taskLogs.taskLogs());
      List<Backfill.Step> steps;
      try {
        steps =
            Backfill.plan(dag, runs, fromDate, toDate, reprocess, runBackwards, clock.instant());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(commandLine, e.getMessage());
      }
      if (steps.isEmpty()) {
        commandLine
            .getErr()
            .println(
                "No runs to create for DAG '"
                    + dagId
                    + "' between "
                    + RunIds.isoformat(fromDate)
                    + " and "
                    + RunIds.isoformat(toDate)
                    + ": its schedule has no interval there that has ended");
        commandLine.getErr().flush();
        return DagRuns.BAD_ARGUMENTS;
      }
      if (dryRun) {
        for (Backfill.Step step : steps) {
          out.printf(
              "%s  %-14s  %s%n",
              RunIds.isoformat(step.info().logicalDate()),
              step.action().name().toLowerCase(Locale.ROOT),
              TerminalText.escape(step.runId()));
        }
        out.flush();
        return DagRuns.SUCCEEDED;
      }
      return run(dag, runs, steps, out) ? DagRuns.SUCCEEDED : DagRuns.FAILED;
    } catch (JournalException e) {
      commandLine.getErr().println(e.getMessage());
      commandLine.getErr().flush();
      return DagRuns.BAD_ARGUMENTS;
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * Runs the steps in order, at most {@code maxActiveRuns} at once; true when every run succeeded.
   */
  private boolean run(
      DagDefinition dag, JournaledRuns runs, List<Backfill.Step> steps, PrintWriter out)
      throws InterruptedException {
    Semaphore slots = new Semaphore(maxActiveRuns);
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicBoolean allSucceeded = new AtomicBoolean(true);
    AtomicInteger started = new AtomicInteger();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              try {
                // The runs going may finish: wait until every slot is back, within the grace.
                if (!slots.tryAcquire(
                    maxActiveRuns,
                    DagRuns.CANCEL_GRACE.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS)) {
                  line(
                      out,
                      "backfill stopped with runs unfinished: start the same backfill again to resume them");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "processflow-backfill-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    for (Backfill.Step step : steps) {
      if (!step.runs()) {
        line(
            out,
            "skipped "
                + TerminalText.escape(step.runId())
                + ": "
                + (step.action() == Backfill.Action.SKIP_IN_FLIGHT
                    ? "in flight"
                    : "already exists"));
        continue;
      }
      slots.acquire();
      if (stopping.get()) {
        slots.release();
        break;
      }
      RunHandle handle;
      try {
        handle =
            switch (step.action()) {
              case CREATE -> runs.startNew(dag, step.runId(), step.info().logicalDate());
              case CLEAR -> runs.resume(dag, step.runId(), dag.taskIds());
              default -> runs.resume(dag, step.runId(), List.of());
            };
      } catch (RuntimeException e) {
        slots.release();
        allSucceeded.set(false);
        line(out, "could not run " + TerminalText.escape(step.runId()) + ": " + e.getMessage());
        continue;
      }
      started.incrementAndGet();
      line(
          out,
          (step.action() == Backfill.Action.CREATE
                  ? "started "
                  : step.action() == Backfill.Action.CLEAR ? "cleared " : "resumed ")
              + TerminalText.escape(step.runId()));
      handle
          .result()
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  allSucceeded.set(false);
                  Throwable cause =
                      error instanceof CompletionException && error.getCause() != null
                          ? error.getCause()
                          : error;
                  line(
                      out,
                      "run "
                          + TerminalText.escape(handle.runId())
                          + " stopped: "
                          + cause.getMessage());
                } else {
                  allSucceeded.compareAndSet(true, result.succeeded());
                  line(out, ended(result));
                }
                slots.release();
              });
    }
    slots.acquire(maxActiveRuns);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      Thread.currentThread().join(); // the hook ends the JVM
    }
    line(
        out,
        String.format(
            Locale.ROOT,
            "backfill of %s: %d run(s) %s",
            dagId,
            started.get(),
            allSucceeded.get() ? "succeeded" : "ran, not all succeeded"));
    return allSucceeded.get();
  }

  static String ended(RunResult result) {
    return String.format(
        Locale.ROOT,
        "ended %s %s: %s in %.3fs",
        result.dagId(),
        TerminalText.escape(result.runId()),
        result.state(),
        result.duration().toMillis() / 1000.0);
  }

  private static void line(PrintWriter out, String text) {
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }

  /** {@code none|completed|failed}, as Airflow spells them. */
  static final class ReprocessConverter implements CommandLine.ITypeConverter<Backfill.Reprocess> {
    @Override
    public Backfill.Reprocess convert(String value) {
      for (Backfill.Reprocess reprocess : Backfill.Reprocess.values()) {
        if (reprocess.name().equalsIgnoreCase(value)) {
          return reprocess;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a reprocess behavior; use none, completed or failed");
    }
  }
}
