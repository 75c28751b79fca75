package io.processflow.runtime.scheduler;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.DagRunInfo;
import io.processflow.runtime.schedule.RunIds;
import io.processflow.runtime.schedule.RunType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every due run of a set of scheduled DAGs, as Airflow 3's scheduler does, with nothing but
 * the runs directory as its memory, so that it can be killed at any moment and started again.
 *
 * <h2>Decisions</h2>
 *
 * Each DAG's next run is what its timetable says after the DAG's last automated run (Airflow's
 * {@code next_dagrun}), computed when the scheduler starts, when it creates a run and when one of
 * the DAG's runs ends. A run is due once the clock reaches its {@code run_after}; while the DAG has
 * {@code maxActiveRuns} runs of the scheduler's going, nothing more starts. A logical date that
 * already has a run (a backfill's, a manual one) is passed over, as Airflow's unique logical date
 * makes it. DAGs wait in a queue ordered by their next run, so a decision costs a queue operation
 * and a timetable step, whatever the number of DAGs.
 *
 * <h2>Restart safety</h2>
 *
 * At {@link #start()}, the last automated run of each DAG is the latest logical date among its
 * scheduled and backfill journals (Airflow's {@code _get_latest_runs_stmt}); the next run follows
 * it, so no interval runs twice and, with catchup, none is skipped. A run's journal is created
 * whole, with the run's id {@code scheduled__<logical date>}, before any task starts, so a crash
 * either left no journal (the run is started again) or one (the run exists). A scheduled run whose
 * journal has not ended and whose lock no process holds was cut short by a crash: it is resumed
 * from its journal, keeping the tasks that had succeeded.
 *
 * <p>Thread-safe: the decisions are made under the scheduler's monitor; runs end on the runner's
 * threads.
 */
public final class Scheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  /** What the scheduler tells about the runs it starts. */
  public interface Listener {
    /** Run {@code runId} of {@code dagId} started, or was resumed from its journal. */
    default void started(String dagId, String runId, boolean resumed) {}

    /**
     * A run the scheduler started has ended: its result, or null from a {@link RunStarter} that
     * runs nothing.
     */
    default void ended(String dagId, String runId, RunResult result) {}

    /** A run could not be started or ended abnormally. */
    default void failed(String dagId, String runId, RuntimeException error) {}
  }

  private final RunStarter runs;
  private final Clock clock;
  private final Listener listener;
  private final List<DagSchedule> dags = new ArrayList<>();
  private final PriorityQueue<DagSchedule> queue =
      new PriorityQueue<>(
          Comparator.comparing((DagSchedule d) -> d.next.runAfter()).thenComparing(d -> d.order));
  private final List<CompletableFuture<RunResult>> running = new ArrayList<>();
  private boolean started;
  private boolean stopped;
  private long decisions;

  /**
   * @param dags the DAGs to schedule; those without a schedule are left out
   * @param clock what "now" is: the system clock, or a manual one in tests
   */
  public Scheduler(List<DagDefinition> dags, RunStarter runs, Clock clock, Listener listener) {
    this.runs = Objects.requireNonNull(runs, "runs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    for (DagDefinition dag : dags) {
      if (dag.timetable().canBeScheduled()) {
        this.dags.add(new DagSchedule(dag, this.dags.size()));
      }
    }
  }

  /** The ids of the DAGs it schedules, in the order given. */
  public List<String> dagIds() {
    List<String> ids = new ArrayList<>();
    for (DagSchedule dag : dags) {
      ids.add(dag.dag.dagId());
    }
    return ids;
  }

  /**
   * Reads the runs directory: each DAG's last automated run and the logical dates taken, then
   * resumes the scheduled runs a crash cut short. Call once, before {@link #tick()}.
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the scheduler has already started");
    }
    started = true;
    Instant now = clock.instant();
    for (DagSchedule dag : dags) {
      for (RunSummary run : runs.recorded(dag.dag.dagId())) {
        dag.recall(run);
        if (run.runType() == RunType.SCHEDULED && !run.state().isTerminal()) {
          resume(dag, run.runId());
        }
      }
      enqueue(dag, now);
    }
  }

  private void resume(DagSchedule dag, String runId) {
    if (runs.inFlight(dag.dag.dagId(), runId)) {
      log.info(
          "run {} of DAG {} is being run by another process; not resuming it",
          runId,
          dag.dag.dagId());
      return;
    }
    try {
      track(dag, runId, runs.resume(dag.dag, runId), true);
    } catch (RuntimeException e) {
      listener.failed(dag.dag.dagId(), runId, e);
    }
  }

  /** Starts every run that is due now; returns how many it started. Does nothing once stopped. */
  public synchronized int tick() {
    if (!started) {
      throw new IllegalStateException("start() the scheduler before its first tick");
    }
    Instant now = clock.instant();
    int count = 0;
    while (!stopped && !queue.isEmpty() && !queue.peek().next.runAfter().isAfter(now)) {
      DagSchedule dag = queue.poll();
      dag.queued = false;
      DagRunInfo info = dag.next;
      dag.next = null;
      dag.lastAutomated = info;
      decisions++;
      if (startIfFree(dag, info)) {
        count++;
      }
      enqueue(dag, now);
    }
    return count;
  }

  /** Starts the scheduled run of {@code info}, unless its logical date already has a run. */
  private boolean startIfFree(DagSchedule dag, DagRunInfo info) {
    String dagId = dag.dag.dagId();
    Instant logicalDate = info.logicalDate();
    String runId = RunIds.scheduled(logicalDate);
    if (dag.taken.contains(logicalDate) || runs.exists(dagId, RunIds.backfill(logicalDate))) {
      log.info("DAG {} already has a run at {}; passing over it", dagId, logicalDate);
      return false;
    }
    try {
      track(dag, runId, runs.start(dag.dag, runId, logicalDate), false);
      return true;
    } catch (RuntimeException e) {
      // Its journal exists (a run this scheduler could not see) or cannot be written.
      listener.failed(dagId, runId, e);
      return false;
    }
  }

  private void track(
      DagSchedule dag, String runId, CompletableFuture<RunResult> result, boolean resumed) {
    dag.active++;
    running.add(result);
    listener.started(dag.dag.dagId(), runId, resumed);
    result.whenComplete((ended, error) -> ended(dag, runId, result, ended, error));
  }

  private void ended(
      DagSchedule dag,
      String runId,
      CompletableFuture<RunResult> run,
      RunResult result,
      Throwable error) {
    synchronized (this) {
      dag.active--;
      running.remove(run);
      if (!dag.queued) {
        dag.next = null; // Airflow recomputes the next run when a run ends
        enqueue(dag, clock.instant());
      }
      notifyAll();
    }
    if (error == null) {
      listener.ended(dag.dag.dagId(), runId, result);
    } else {
      RuntimeException e =
          error.getCause() instanceof RuntimeException cause ? cause : new RuntimeException(error);
      listener.failed(dag.dag.dagId(), runId, e);
    }
  }

  /** Puts {@code dag} in the queue with its next run, when it has one and room for it. */
  private void enqueue(DagSchedule dag, Instant now) {
    if (dag.queued || dag.active >= dag.maxActiveRuns) {
      return;
    }
    if (dag.next == null) {
      dag.next =
          dag.dag
              .timetable()
              .nextDagRunInfo(
                  dag.lastAutomated == null ? null : dag.lastAutomated.dataInterval(),
                  dag.dag.timeRestriction(),
                  now)
              .orElse(null);
    }
    if (dag.next != null) {
      dag.queued = true;
      queue.add(dag);
    }
  }

  /** When the next run is due, or null when no DAG has a run to come (or room for it). */
  public synchronized Instant nextDue() {
    return queue.isEmpty() ? null : queue.peek().next.runAfter();
  }

  /** How many runs decisions the scheduler has made: runs started or passed over. */
  public synchronized long decisions() {
    return decisions;
  }

  /** How many runs it has going now. */
  public synchronized int running() {
    return running.size();
  }

  /** Stops starting runs; the runs going on go on. Idempotent. */
  public synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  public synchronized boolean isStopped() {
    return stopped;
  }

  /**
   * Waits until a run is due, a run ends, {@link #stop()} is called, or {@code maxWaitMillis} has
   * passed (the clock is read again then: a system clock may jump).
   */
  public synchronized void awaitWork(long maxWaitMillis) throws InterruptedException {
    if (stopped) {
      return;
    }
    Instant due = nextDue();
    long wait = maxWaitMillis;
    if (due != null) {
      wait = Math.min(wait, Math.max(0, due.toEpochMilli() - clock.millis()));
    }
    if (wait > 0) {
      TimeUnit.MILLISECONDS.timedWait(this, wait);
    }
  }

  /** Completes once every run the scheduler has going has ended. */
  public CompletableFuture<Void> drained() {
    List<CompletableFuture<RunResult>> now;
    synchronized (this) {
      now = List.copyOf(running);
    }
    CompletableFuture<?>[] results = new CompletableFuture<?>[now.size()];
    for (int i = 0; i < results.length; i++) {
      results[i] = now.get(i).handle((r, e) -> null);
    }
    return CompletableFuture.allOf(results);
  }

  /** One DAG's scheduling state: its last automated run, its next run, its runs going. */
  private static final class DagSchedule {
    final DagDefinition dag;
    final int order;
    final int maxActiveRuns;

    /** Logical dates after the last automated run that have a run (manual ones). */
    final java.util.TreeSet<Instant> taken = new java.util.TreeSet<>();

    DagRunInfo lastAutomated;
    DagRunInfo next;
    boolean queued;
    int active;

    DagSchedule(DagDefinition dag, int order) {
      this.dag = dag;
      this.order = order;
      this.maxActiveRuns = dag.schedule().maxActiveRuns();
    }

    /** Learns from a recorded run: the last automated run, and a logical date taken. */
    void recall(RunSummary run) {
      Instant logicalDate = run.logicalDate();
      if (logicalDate == null) {
        return;
      }
      taken.add(logicalDate);
      if (run.runType() != RunType.MANUAL
          && (lastAutomated == null || logicalDate.isAfter(lastAutomated.logicalDate()))) {
        lastAutomated =
            new DagRunInfo(dag.timetable().dataInterval(run.runType(), logicalDate), logicalDate);
      }
    }
  }
}
