package io.processflow.runtime.scheduler;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.execution.RunTakenOverException;
import io.processflow.runtime.journal.DagTurns;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.DagRunInfo;
import io.processflow.runtime.schedule.RunIds;
import io.processflow.runtime.schedule.RunType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
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
 * and a timetable step, whatever the number of DAGs; on a runs directory, also a look at the runs
 * other commands made since (see RunStarter#newRuns: a listing of the DAG's journal names).
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
 * <h2>Several schedulers on one database</h2>
 *
 * When the runs are shared with other schedulers ({@link RunStarter#turns()}: a database), the
 * scheduler takes a DAG's turn before it decides the DAG's next run, as Airflow 3's HA schedulers
 * lock the DAG's row with {@code SKIP LOCKED}: under the turn it follows the runs the others
 * created (its next run is after the latest of them), counts {@code maxActiveRuns} against every
 * scheduler's unfinished runs, and creates the run, whose unique id and lock make it one run. A DAG
 * whose turn another holds is looked at again a moment later; one that is full, at the next scan.
 * Every {@code scanEvery} it scans for scheduled runs that have not ended and that no process holds
 * (their scheduler died: the server released its locks) and resumes them; several schedulers may
 * race for one, and the run's lock gives it to one, the others passing over it quietly. A run this
 * scheduler loses to another while deciding it ({@link RunTakenOverException}) is told to the
 * listener as such, not as a failure.
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

    /**
     * Another process took run {@code runId} over while this scheduler decided it (after a database
     * restart): this scheduler stopped deciding it, and the other carries it on.
     */
    default void takenOver(String dagId, String runId, RunTakenOverException error) {}
  }

  /** How often a scheduler sharing its runs scans for runs that no process holds, by default. */
  public static final Duration SCAN_EVERY = Duration.ofSeconds(10);

  /** How long a scheduler sharing its runs waits before it looks again at a DAG another has. */
  static final Duration TURN_RETRY = Duration.ofMillis(500);

  private final RunStarter runs;
  private final Clock clock;
  private final Listener listener;
  private final List<DagSchedule> dags = new ArrayList<>();
  private final PriorityQueue<DagSchedule> queue =
      new PriorityQueue<>(Comparator.comparing(DagSchedule::due).thenComparing(d -> d.order));

  /** The runs going, each until its end has been announced to the listener. */
  private final List<CompletableFuture<Void>> running = new ArrayList<>();

  /** How schedulers sharing the runs take turns at a DAG; null for a scheduler on its own. */
  private final DagTurns turns;

  private final Duration scanEvery;

  /** The runs this scheduler has going, as {@code dag_id NUL run_id}: a scan passes over them. */
  private final Set<String> ours = new HashSet<>();

  private Instant nextScan;
  private boolean started;
  private boolean stopped;
  private long decisions;

  /**
   * @param dags the DAGs to schedule; those without a schedule are left out
   * @param clock what "now" is: the system clock, or a manual one in tests
   */
  public Scheduler(List<DagDefinition> dags, RunStarter runs, Clock clock, Listener listener) {
    this(dags, runs, clock, listener, SCAN_EVERY);
  }

  /**
   * @param scanEvery with runs shared with other schedulers, how often it looks for runs that no
   *     process holds (their scheduler died) to resume them
   */
  public Scheduler(
      List<DagDefinition> dags,
      RunStarter runs,
      Clock clock,
      Listener listener,
      Duration scanEvery) {
    this.runs = Objects.requireNonNull(runs, "runs");
    this.turns = runs.turns();
    this.scanEvery = Objects.requireNonNull(scanEvery, "scanEvery");
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
    nextScan = now.plus(scanEvery);
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
      CompletableFuture<RunResult> resumed = runs.resume(dag.dag, runId);
      if (resumed == null) {
        log.info(
            "run {} of DAG {} was taken by another process, or ended; not resuming it",
            runId,
            dag.dag.dagId());
      } else {
        track(dag, runId, resumed, true);
      }
    } catch (RuntimeException e) {
      if (turns == null) {
        listener.failed(dag.dag.dagId(), runId, e);
      } else {
        // The database is away, or another scheduler is at the run: the next scan looks again.
        log.warn(
            "cannot resume run {} of DAG {} now; the next scan tries again: {}",
            runId,
            dag.dag.dagId(),
            e.getMessage());
      }
    }
  }

  /**
   * Resumes the scheduled runs that have not ended and that no process holds, of schedulers that
   * died; only with runs shared with other schedulers, every {@code scanEvery} (and from {@link
   * #tick()}).
   */
  public synchronized void scan() {
    if (turns == null || stopped) {
      return;
    }
    nextScan = clock.instant().plus(scanEvery);
    for (DagSchedule dag : dags) {
      String dagId = dag.dag.dagId();
      try {
        for (String runId : turns.orphanedRuns(dagId)) {
          if (!ours.contains(key(dagId, runId))) {
            resume(dag, runId);
          }
        }
      } catch (RuntimeException e) {
        log.warn("cannot look for runs of DAG {} to resume: {}", dagId, e.getMessage());
      }
    }
  }

  private static String key(String dagId, String runId) {
    return dagId + '\0' + runId;
  }

  /** Starts every run that is due now; returns how many it started. Does nothing once stopped. */
  public synchronized int tick() {
    if (!started) {
      throw new IllegalStateException("start() the scheduler before its first tick");
    }
    Instant now = clock.instant();
    if (turns != null && !now.isBefore(nextScan)) {
      scan();
    }
    int count = 0;
    List<DagSchedule> deferred = new ArrayList<>();
    while (!stopped && !queue.isEmpty() && !queue.peek().due().isAfter(now)) {
      DagSchedule dag = queue.poll();
      dag.queued = false;
      dag.notBefore = null;
      if (turns != null) {
        count += takeTurn(dag, now, deferred);
        continue;
      }
      if (dag.learn(runs.newRuns(dag.dag.dagId()))) {
        enqueue(dag, now); // another command's runs moved the next one: decided again
        continue;
      }
      DagRunInfo info = dag.next;
      dag.next = null;
      dag.lastAutomated = info;
      decisions++;
      if (startIfFree(dag, info)) {
        count++;
      }
      enqueue(dag, now);
    }
    for (DagSchedule dag : deferred) {
      dag.queued = true;
      queue.add(dag);
    }
    return count;
  }

  /**
   * With runs shared with other schedulers: decides the due run of {@code dag} under the DAG's
   * turn, or puts the DAG in {@code deferred} to look at again later. Returns 1 when it started the
   * run.
   */
  private int takeTurn(DagSchedule dag, Instant now, List<DagSchedule> deferred) {
    String dagId = dag.dag.dagId();
    DagRunInfo info = dag.next;
    DagRunInfo last = dag.lastAutomated;
    try (DagTurns.Turn turn = turns.take(dagId)) {
      if (turn == null) {
        // Another scheduler is creating this DAG's run: look again once it has.
        defer(dag, now.plus(TURN_RETRY), deferred);
        return 0;
      }
      Instant latest = turn.latestAutomated();
      if (latest != null && (last == null || latest.isAfter(last.logicalDate()))) {
        // Another scheduler (or a backfill) made runs after the last one this one knew: follow it.
        dag.lastAutomated =
            new DagRunInfo(dag.dag.timetable().dataInterval(RunType.SCHEDULED, latest), latest);
        dag.next = null;
        enqueue(dag, now);
        return 0;
      }
      if (turn.activeRuns() >= dag.maxActiveRuns) {
        // Full with every scheduler's runs: look again at the next scan, or when one of ours ends.
        defer(dag, now.plus(scanEvery), deferred);
        return 0;
      }
      decisions++;
      dag.next = null;
      dag.lastAutomated = info;
      String runId = RunIds.scheduled(info.logicalDate());
      if (turn.taken(info.logicalDate())) {
        log.info("DAG {} already has a run at {}; passing over it", dagId, info.logicalDate());
        enqueue(dag, now);
        return 0;
      }
      track(dag, runId, runs.start(dag.dag, runId, info.logicalDate()), false);
      enqueue(dag, now);
      return 1;
    } catch (RuntimeException e) {
      // The database is away, or the run could not be recorded: nothing was decided; again later.
      log.warn(
          "cannot create the run of DAG {} at {} now; trying again in {} ms: {}",
          dagId,
          info.logicalDate(),
          TURN_RETRY.toMillis(),
          e.getMessage());
      dag.lastAutomated = last;
      dag.next = info;
      defer(dag, now.plus(TURN_RETRY), deferred);
      return 0;
    }
  }

  private static void defer(DagSchedule dag, Instant notBefore, List<DagSchedule> deferred) {
    dag.notBefore = notBefore;
    deferred.add(dag);
  }

  /** Starts the scheduled run of {@code info}, unless its logical date already has a run. */
  private boolean startIfFree(DagSchedule dag, DagRunInfo info) {
    String dagId = dag.dag.dagId();
    Instant logicalDate = info.logicalDate();
    String runId = RunIds.scheduled(logicalDate);
    // Taken: the logical dates of the runs recorded at the start and learnt since (a run id says
    // nothing sure: a backfill's is its run_after's, the next interval's logical date).
    if (dag.taken.contains(logicalDate)) {
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
    // Counted until its end has been announced too, so that drained() waits for the listener: a
    // run's own future completes before its callbacks run (a command's "ended" line came late).
    CompletableFuture<Void> announced = new CompletableFuture<>();
    running.add(announced);
    ours.add(key(dag.dag.dagId(), runId));
    listener.started(dag.dag.dagId(), runId, resumed);
    result.whenComplete(
        (ended, error) -> {
          try {
            ended(dag, runId, ended, error);
          } finally {
            synchronized (this) {
              running.remove(announced);
            }
            announced.complete(null);
          }
        });
  }

  private void ended(DagSchedule dag, String runId, RunResult result, Throwable error) {
    synchronized (this) {
      dag.active--;
      ours.remove(key(dag.dag.dagId(), runId));
      if (dag.queued && dag.notBefore != null) {
        queue.remove(dag); // deferred while full: it has room now
        dag.queued = false;
        dag.notBefore = null;
      }
      if (!dag.queued) {
        dag.next = null; // Airflow recomputes the next run when a run ends
        enqueue(dag, clock.instant());
      }
      notifyAll();
    }
    RunTakenOverException taken = RunTakenOverException.in(error);
    if (error == null) {
      listener.ended(dag.dag.dagId(), runId, result);
    } else if (taken != null) {
      listener.takenOver(dag.dag.dagId(), runId, taken);
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
    Instant due = queue.isEmpty() ? null : queue.peek().due();
    if (turns != null && nextScan != null && (due == null || nextScan.isBefore(due))) {
      return nextScan;
    }
    return due;
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

  /** Completes once every run the scheduler has going has ended and its end was announced. */
  public CompletableFuture<Void> drained() {
    CompletableFuture<?>[] now;
    synchronized (this) {
      now = running.toArray(CompletableFuture<?>[]::new);
    }
    return CompletableFuture.allOf(now);
  }
}
