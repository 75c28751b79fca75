package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.execution.RunTakenOverException;
import io.processflow.runtime.execution.TaskLauncher;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.ProcessLock;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.scheduler.JournaledRuns;
import io.processflow.runtime.scheduler.Scheduler;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scheduler [--runs-dir D | --db URL]}: Airflow's {@code airflow scheduler}, starting every
 * due run of every scheduled DAG on the classpath (see {@link Scheduler} for the decisions and
 * restart safety). One per runs directory, under its {@link ProcessLock}; on a database, any number
 * at once, taking turns at each DAG, their task bodies on workers.
 *
 * <p>SIGTERM or Ctrl-C stops it from starting runs; the runs it has going are left to finish within
 * {@code --shutdown-grace}, and the JVM then exits. A run still going after the grace is cut short,
 * like a kill, and the next scheduler on the runs directory resumes it from its journal.
 */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts every due run of every scheduled DAG on the classpath, as Airflow's scheduler does,"
            + " until stopped; restart-safe (a run cut short is resumed from its journal). One"
            + " scheduler per runs directory; with --db, any number of schedulers on one database"
            + " (one that dies has its runs resumed by the others), task bodies on workers.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:stopped after --num-runs loops",
      "2:bad arguments, no scheduled DAG, or another scheduler on the runs directory",
      "130:interrupted (Ctrl-C): no new runs; running ones finished within the grace",
      "143:terminated (SIGTERM): no new runs; running ones finished within the grace"
    })
final class SchedulerCommand implements Callable<Integer> {
  /** The longest the loop sleeps without looking at the clock again. */
  private static final long MAX_SLEEP_MILLIS = 10_000;

  private final List<DagProvider> providers;
  private final Clock clock;
  private final long maxSleepMillis;

  @Mixin RunsDirOption runsDirOption;

  @Option(
      names = "--db",
      paramLabel = "URL",
      description =
          "Records runs in this database instead of --runs-dir, task bodies running on workers"
              + " ('worker --db URL'); several schedulers may share it (see run --db).")
  String db;

  @Option(
      names = "--scan-every",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "With --db: how often to look for scheduled runs that no process holds (their scheduler"
              + " died) and resume them (default: 10s).")
  Duration scanEvery = Scheduler.SCAN_EVERY;

  @Option(
      names = "--num-runs",
      paramLabel = "N",
      description =
          "Stops after N scheduling loops and waits for the runs it started (Airflow's --num-runs;"
              + " default: -1, forever).")
  int numRuns = -1;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "On SIGTERM or Ctrl-C, how long running runs may take to finish before the JVM exits"
              + " (default: 5m); the next scheduler resumes those that did not.")
  Duration shutdownGrace = Duration.ofMinutes(5);

  @Option(
      names = "--no-fsync",
      description = "Writes journals without forcing them to disk (see 'run --help').")
  boolean noFsync;

  @Mixin TaskLogsOption taskLogs;

  @Spec CommandLine.Model.CommandSpec spec;

  SchedulerCommand(List<DagProvider> providers, Clock clock) {
    this(providers, clock, MAX_SLEEP_MILLIS);
  }

  /** With {@code maxSleepMillis} short for a clock that runs faster than the wall clock (tests). */
  SchedulerCommand(List<DagProvider> providers, Clock clock, long maxSleepMillis) {
    this.providers = providers;
    this.clock = clock;
    this.maxSleepMillis = maxSleepMillis;
  }

  @Override
  public Integer call() throws Exception {
    CommandLine commandLine = spec.commandLine();
    PrintWriter out = commandLine.getOut();
    List<DagDefinition> dags = new ArrayList<>();
    for (DagProvider provider : BrokenDagProvider.usable(providers)) {
      dags.add(provider.definition());
    }
    RunStore store = JournalOptions.store(db, runsDirOption.dir(), commandLine);
    ProcessLock lock = null;
    if (store.dagTurns() == null) { // a runs directory: one scheduler at a time
      try {
        lock = ProcessLock.scheduler(runsDirOption.dir());
      } catch (JournalException e) {
        commandLine.getErr().println(e.getMessage());
        commandLine.getErr().flush();
        return DagRuns.BAD_ARGUMENTS;
      }
    }
    Map<String, DagDefinition> byId = new HashMap<>();
    dags.forEach(dag -> byId.put(dag.dagId(), dag));
    TaskLauncher launcher = store.launcher(byId::get);
    DagRunner.Builder runnerBuilder = DagRunner.builder();
    if (launcher != null) {
      runnerBuilder.launcher(launcher);
    }
    try (store;
        ProcessLock held = lock;
        DagRunner runner = runnerBuilder.build()) {
      Scheduler scheduler =
          new Scheduler(
              dags,
              new JournaledRuns(runner, store, !noFsync, taskLogs.taskLogs()),
              clock,
              new Printer(out),
              scanEvery);
      if (scheduler.dagIds().isEmpty()) {
        commandLine
            .getErr()
            .println(
                "No scheduled DAG on the classpath: give a DAG a schedule (@Dag(schedule = \"@daily\", ...)) for"
                    + " the scheduler to run it; 'list' shows each DAG's schedule");
        commandLine.getErr().flush();
        return DagRuns.BAD_ARGUMENTS;
      }
      Thread hook = new Thread(() -> shutDown(scheduler, out), "processflow-scheduler-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      synchronized (out) {
        out.printf("scheduler on %s: %s%n", store.where(), String.join(", ", scheduler.dagIds()));
        out.flush();
      }
      scheduler.start();
      for (int loop = 0; (numRuns < 0 || loop < numRuns) && !scheduler.isStopped(); loop++) {
        scheduler.tick();
        if (numRuns < 0 || loop + 1 < numRuns) {
          scheduler.awaitWork(maxSleepMillis);
        }
      }
      scheduler.stop();
      scheduler.drained().join();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is waiting for the runs: it ends the JVM.
        Thread.currentThread().join();
      }
      return DagRuns.SUCCEEDED;
    }
  }

  /** The shutdown hook: no new runs; the running ones may finish within the grace. */
  private void shutDown(Scheduler scheduler, PrintWriter out) {
    scheduler.stop();
    int running = scheduler.running();
    synchronized (out) {
      out.printf(
          "scheduler stopping: no new runs; waiting up to %s for %d running run(s)%n",
          shutdownGrace.toString().substring(2).toLowerCase(Locale.ROOT), running);
      out.flush();
    }
    try {
      scheduler.drained().get(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      synchronized (out) {
        out.printf(
            "scheduler stopped with %d run(s) unfinished: the next scheduler resumes them%n",
            scheduler.running());
        out.flush();
      }
    } catch (ExecutionException e) {
      // drained() never fails
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One line per run started, resumed, ended or failed. */
  private record Printer(PrintWriter out) implements Scheduler.Listener {
    @Override
    public void started(String dagId, String runId, boolean resumed) {
      line((resumed ? "resumed " : "started ") + dagId + " " + TerminalText.escape(runId));
    }

    @Override
    public void ended(String dagId, String runId, RunResult result) {
      line(BackfillCommand.ended(result));
    }

    @Override
    public void takenOver(String dagId, String runId, RunTakenOverException error) {
      line(
          "stopped deciding "
              + dagId
              + " "
              + TerminalText.escape(runId)
              + ": another scheduler took it over");
    }

    @Override
    public void failed(String dagId, String runId, RuntimeException error) {
      line("could not run " + dagId + " " + TerminalText.escape(runId) + ": " + error.getMessage());
    }

    private void line(String text) {
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    }
  }
}
