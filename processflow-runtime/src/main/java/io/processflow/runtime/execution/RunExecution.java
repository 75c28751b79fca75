package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.Store;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.dsl.TaskKind;
import io.processflow.runtime.execution.TriggerRules.Decision;
import io.processflow.runtime.store.Stores;
import io.processflow.runtime.time.TaskTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one DAG.
 *
 * <p>Readiness is by counters: each task counts how many of its upstream tasks have ended and how
 * (success, failed, skipped); a task that ends updates its direct downstream tasks' counters and
 * evaluates their trigger rules, so a run costs O(tasks + edges) with no scans. The scheduling
 * bookkeeping and the transitions it dispatches sit under one short monitor; task bodies always
 * run outside it, on the executor, and an asynchronous task's completion, a retry's timer and a
 * timeout re-enter from whatever thread fires them. The store serialises dispatches anyway, so the
 * monitor costs no parallelism; it keeps each task's transitions in order.
 *
 * <p>Every try carries its try number; a completion that arrives for a try that was already ended
 * (by a timeout, fail-fast or cancellation) is ignored.
 */
final class RunExecution {
  private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

  /** Where a task is in this run, as the scheduler sees it. */
  private static final byte NONE = 0;
  private static final byte SCHEDULED = 1;
  private static final byte QUEUED = 2;
  private static final byte RUNNING = 3;
  private static final byte RETRY_WAIT = 4;
  /** Was queued when the run was cancelled: never starts, keeps its state for a resume. */
  private static final byte ABANDONED = 5;
  /**
   * Ended, by what it means to its downstream tasks: succeeded (or failed but allowed to), failed,
   * skipped, upstream_failed.
   */
  private static final byte ENDED_SUCCESS = 6;
  private static final byte ENDED_FAILED = 7;
  private static final byte ENDED_SKIPPED = 8;
  private static final byte ENDED_UPSTREAM_FAILED = 9;
  /** No task: the end of a list of queued tasks (see takeStartable). */
  private static final int NO_TASK = -1;

  private final DagDefinition dag;
  /** The DAG's own list (immutable, shared by its runs: nothing to copy per run). */
  private final List<TaskDefinition> tasks;
  /** The DAG's ids, read per transition without touching the task definitions. */
  private final List<String> taskIds;
  private final int n;
  private final String runId;
  private final Instant logicalDate;
  private final Map<String, Object> params;
  /** Where task bodies run (see TaskLauncher); this class only decides. */
  private final TaskLauncher launcher;
  private final TaskTimer timer;
  private final int maxActive;
  private final Store<RunState> store;
  private final RunReducer reducer;
  private final ResumePlan resume;
  private final CompletableFuture<RunResult> result = new CompletableFuture<>();

  /*
   * Guards everything below; a monitor, whose adaptive spinning suits these short sections.
   *
   * Per-task arrays cost bytes per task on every run (RuntimeBench, bytes per task), so what only
   * some runs need is allocated when first needed: failed and skipped upstream counts (a run where
   * everything succeeds never needs them), timeouts, and the ready queue and work stack grow with
   * use instead of taking n slots each.
   */
  private final Object lock = new Object();
  private final int[] upstreamSucceeded;
  private int[] upstreamFailed;
  private int[] upstreamSkipped;
  private int[] upstreamUpstreamFailed;
  private final byte[] phase;
  private final int[] tries;
  /** Tries made before this run resumed (retries count from there); null when not resuming. */
  private final int[] triesBefore;
  /** What stops a running try's body: its thread, its pending future, its remote worker. */
  private final TryCanceller[] cancellers;
  private Future<?>[] timeouts;
  /**
   * Links the tasks one section queued into a list that its caller launches outside the lock
   * (see {@link #takeStartable}): entry {@code i} is the next task after {@code i}, or -1.
   */
  private final int[] queuedNext;
  private int[] ready = new int[16];
  private int readyHead;
  private int readySize;
  private int[] work = new int[16];
  private int workSize;
  /** How many tasks at the tail of the ready queue this section scheduled without a transition. */
  private int unannounced;
  private int active;
  private int ended;
  private boolean stopping;
  private String failFastCause;
  private boolean cancelled;
  private boolean finished;
  private volatile RunResult outcomeResult;
  /** Set by the one thread that logs the end and completes the result. */
  private final AtomicBoolean announced = new AtomicBoolean();
  /** Blocking task bodies still executing on a thread, even if their try was already ended. */
  private final AtomicInteger bodiesRunning = new AtomicInteger();
  /** Completes once the run has ended and no task body is still executing. */
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  /**
   * The time of the current locked section: every transition it dispatches (a success, the
   * downstream tasks it schedules and queues) happens at one instant, read once (RuntimeBench).
   */
  private Instant now;

  RunExecution(
      DagDefinition dag,
      String runId,
      Instant logicalDate,
      Map<String, Object> params,
      TaskLauncher launcher,
      TaskTimer timer,
      int maxActive,
      List<Middleware<RunState>> middleware,
      ResumePlan resume) {
    this.dag = dag;
    this.runId = runId;
    this.logicalDate = logicalDate;
    this.params = params;
    this.launcher = launcher;
    this.timer = timer;
    this.maxActive = maxActive;
    this.tasks = dag.tasks();
    this.taskIds = dag.taskIds();
    int n = tasks.size();
    this.n = n;
    this.upstreamSucceeded = new int[n];
    this.phase = new byte[n];
    this.tries = new int[n];
    this.triesBefore = resume == null ? null : new int[n];
    this.cancellers = new TryCanceller[n];
    this.queuedNext = new int[n];
    this.resume = resume;
    this.reducer = new RunReducer(dag.appReducer());
    RunState initial = RunStateImpl.initial(dag, runId, resume == null ? List.of() : resume.removedTaskIds());
    if (resume != null) {
      initial = resume.replay(reducer, initial);
    }
    this.store = Stores.create(reducer, initial, middleware);
  }

  DagDefinition dag() {
    return dag;
  }

  String runId() {
    return runId;
  }

  Instant logicalDate() {
    return logicalDate;
  }

  Map<String, Object> params() {
    return params;
  }

  Store<RunState> store() {
    return store;
  }

  TaskTimer timer() {
    return timer;
  }

  CompletableFuture<RunResult> result() {
    return result;
  }

  CompletableFuture<RunResult> start() {
    int toStart;
    synchronized (lock) {
      now = timer.now();
      try {
        store.dispatch(
            new DagRunStatusUpdate(runId, dag.dagId(), now, DagRunState.RUNNING));
        if (resume != null) {
          restore();
          propagate();
        }
        for (int i = 0; i < n; i++) {
          if (phase[i] == NONE && (dag.upstreamCount(i) == 0 || dag.triggerRule(i) == io.processflow.api.TriggerRule.ALWAYS)) {
            evaluate(i);
            propagate();
          }
        }
        finishIfDone();
        toStart = takeStartable(false);
      } catch (RuntimeException | Error e) {
        abort(e);
        return result;
      }
    }
    logQueued(toStart);
    completeResult();
    launch(toStart);
    return result;
  }

  /**
   * Resuming: keeps every resumable task that succeeded and was not cleared (ended, with its
   * recorded output and try number; a branch's decision applies again), resets every other task to
   * {@code none} so that it runs, and marks the recorded tasks the DAG no longer has {@code removed}.
   */
  private void restore() {
    RunState recorded = store.getState();
    int[] kept = new int[n];
    int keptCount = 0;
    for (int i = 0; i < n; i++) {
      TaskInstance task = recorded.tasks().get(i);
      tries[i] = task.tryNumber();
      triesBefore[i] = task.tryNumber();
      if (task.state() == TaskState.SUCCESS && tasks.get(i).resumable() && !resume.rerun().contains(task.taskId())) {
        end(i, ENDED_SUCCESS);
        kept[keptCount++] = i;
      } else if (task.state() != TaskState.NONE) {
        transition(i, TaskState.NONE, task.tryNumber(), null, null);
      }
    }
    for (String removed : resume.removedTaskIds()) {
      TaskInstance task = recorded.task(removed);
      if (task.state() != TaskState.REMOVED) {
        log.warn("task {} of run {} is no longer in dag {}: removed", removed, runId, dag.dagId());
        store.dispatch(
            new TaskStatusUpdate(runId, removed, now, TaskState.REMOVED, task.tryNumber(), null, null));
      }
    }
    // Only the kept tasks: a task that follow() skips is ended and queued for propagation by
    // endWithoutRunning itself, and must not be followed or queued a second time.
    for (int k = 0; k < keptCount; k++) {
      int i = kept[k];
      follow(i, recorded.tasks().get(i).output());
      pushWork(i);
    }
  }

  // ---- scheduling (all under lock) ----

  /** Applies task {@code i}'s trigger rule to its upstream counts. */
  private void evaluate(int i) {
    Decision decision =
        TriggerRules.decide(
            dag.triggerRule(i),
            dag.upstreamCount(i),
            upstreamSucceeded[i],
            upstreamFailed == null ? 0 : upstreamFailed[i],
            upstreamUpstreamFailed == null ? 0 : upstreamUpstreamFailed[i],
            upstreamSkipped == null ? 0 : upstreamSkipped[i]);
    switch (decision) {
      case RUN -> schedule(i);
      case SKIP -> endWithoutRunning(i, TaskState.SKIPPED, null);
      case UPSTREAM_FAILED -> endWithoutRunning(i, TaskState.UPSTREAM_FAILED, null);
      case WAIT -> {}
    }
  }

  /**
   * Task {@code i} may run: it waits in the ready queue for a slot. Its {@code scheduled} transition
   * is dispatched only if it is still waiting when the section ends (see takeStartable).
   */
  private void schedule(int i) {
    phase[i] = SCHEDULED;
    unannounced++;
    if (readySize == ready.length) {
      int[] grown = new int[ready.length * 2];
      for (int k = 0; k < readySize; k++) {
        grown[k] = ready[(readyHead + k) % ready.length];
      }
      ready = grown;
      readyHead = 0;
    }
    ready[(readyHead + readySize++) % ready.length] = i;
  }

  /** Marks task {@code i} ended; {@code how} is one of the ENDED_ phases. */
  private void end(int i, byte how) {
    phase[i] = how;
    ended++;
  }

  private void pushWork(int i) {
    if (workSize == work.length) {
      work = Arrays.copyOf(work, work.length * 2);
    }
    work[workSize++] = i;
  }

  /** Ends a task that never runs (skipped, upstream_failed) and queues it for propagation. */
  private void endWithoutRunning(int i, TaskState state, TaskError error) {
    end(i, state == TaskState.SKIPPED ? ENDED_SKIPPED : ENDED_UPSTREAM_FAILED);
    transition(i, state, tries[i], error, null);
    pushWork(i);
  }


  /**
   * Tells the downstream tasks of every task on the work list how it ended, evaluating their
   * trigger rules; tasks that end without running join the list in turn (iterative, so a long
   * chain of upstream_failed tasks cannot overflow the thread's stack).
   *
   * <p>In rounds, as Airflow's scheduler passes: a round first counts every task that ended since
   * the last one, then evaluates their downstream tasks, all against the same counts; a task that
   * a round ends is seen by the next round. Evaluating depth first instead would let a task see an
   * upstream task that ended later in the cascade before one that ended earlier, and decide as
   * Airflow never does (a failure's upstream_failed reaching a join before a skip that preceded it).
   */
  private void propagate() {
    int head = 0;
    while (head < workSize) {
      int end = workSize;
      for (int w = head; w < end; w++) {
        int u = work[w];
        int[] counts = counts(phase[u]);
        for (int k = 0, m = dag.downstreamCount(u); k < m; k++) {
          counts[dag.downstream(u, k)]++;
        }
      }
      for (int w = head; w < end; w++) {
        int u = work[w];
        for (int k = 0, m = dag.downstreamCount(u); k < m; k++) {
          int d = dag.downstream(u, k);
          if (phase[d] == NONE && !stopping) {
            evaluate(d);
          }
        }
      }
      head = end;
    }
    workSize = 0;
  }

  /** The upstream counts that a task ended {@code how} adds to. */
  private int[] counts(byte how) {
    return switch (how) {
      case ENDED_SUCCESS -> upstreamSucceeded;
      case ENDED_SKIPPED -> skippedCounts();
      case ENDED_UPSTREAM_FAILED -> upstreamFailedCounts();
      default -> failedCounts();
    };
  }

  private int[] failedCounts() {
    if (upstreamFailed == null) {
      upstreamFailed = new int[n];
    }
    return upstreamFailed;
  }

  private int[] upstreamFailedCounts() {
    if (upstreamUpstreamFailed == null) {
      upstreamUpstreamFailed = new int[n];
    }
    return upstreamUpstreamFailed;
  }

  private int[] skippedCounts() {
    if (upstreamSkipped == null) {
      upstreamSkipped = new int[n];
    }
    return upstreamSkipped;
  }

  /**
   * Ends a section's scheduling: moves ready tasks into free slots and returns them, for launching
   * outside the lock, as a list linked through {@link #queuedNext} (its first task, or
   * {@link #NO_TASK}); with {@code keepLast}, the caller (a worker whose task just ended) runs the
   * last of them itself, and that one never waits for a worker.
   *
   * <p>A task records the states it waits in: {@code scheduled} if it is still waiting for a slot
   * when the section ends, {@code queued} if it waits for a worker thread; a task that gets a slot
   * and the caller's thread at once goes straight to {@code running} when its try starts (under
   * the lock, right before its body, as for any task). Recording states a task passes through in
   * the same instant would be two more actions, versions and journal lines per task (RuntimeBench:
   * 309 against 177 bytes per task on a chain; JournalBench).
   *
   * <p>A list and not an array, because most sections queue one task and an array for it was 16
   * bytes per task (RuntimeBench, chain). A task is in one list at a time (it is queued again only
   * after it ran), and whoever walks a list reads a task's successor before it submits the task.
   */
  private int takeStartable(boolean keepLast) {
    if (stopping) {
      unannounced = 0;
      return NO_TASK;
    }
    int free = maxActive - active;
    int first = NO_TASK;
    int last = NO_TASK;
    while (free > 0 && readySize > 0) {
      int i = ready[readyHead];
      if (readySize <= unannounced) {
        unannounced--; // it leaves from this section's own tail
      }
      readyHead = (readyHead + 1) % ready.length;
      readySize--;
      if (phase[i] != SCHEDULED) {
        continue;
      }
      phase[i] = QUEUED;
      active++;
      free--;
      queuedNext[i] = NO_TASK;
      if (last == NO_TASK) {
        first = i;
      } else {
        queuedNext[last] = i;
      }
      last = i;
    }
    // The tasks this section scheduled that still wait for a slot: the tail of the ready queue.
    int waiting = unannounced;
    unannounced = 0;
    for (int k = readySize - waiting; k < readySize; k++) {
      int i = ready[(readyHead + k) % ready.length];
      if (phase[i] == SCHEDULED) {
        transition(i, TaskState.SCHEDULED, tries[i] + 1, null, null);
      }
    }
    for (int i = first; i != NO_TASK; i = queuedNext[i]) {
      if (!keepLast || i != last) {
        transition(i, TaskState.QUEUED, tries[i] + 1, null, null);
      }
    }
    return first;
  }

  /**
   * Starts try {@code attempt} of queued task {@code i}, under the lock, right before its body
   * (see TaskTry#start); false when it may not run any more.
   */
  boolean startTry(EngineTry attempt, TryCanceller canceller) {
    Objects.requireNonNull(canceller, "canceller");
    int i = attempt.index;
    synchronized (lock) {
      now = timer.now();
      if (phase[i] != QUEUED || finished || tries[i] + 1 != attempt.tryNumber()) {
        return false; // ended by fail-fast, abandoned by a cancel, or the run aborted meanwhile
      }
      try {
        TaskDefinition task = tasks.get(i);
        phase[i] = RUNNING;
        int tryNumber = ++tries[i];
        cancellers[i] = canceller;
        transition(i, TaskState.RUNNING, tryNumber, null, null);
        Duration timeout = task.executionTimeout();
        if (timeout != null) {
          if (timeouts == null) {
            timeouts = new Future<?>[n];
          }
          timeouts[i] = timer.schedule(timeout, () -> timedOut(i, tryNumber, timeout));
        }
        return true;
      } catch (RuntimeException | Error e) {
        cancellers[i] = null;
        abort(e);
        return false;
      }
    }
  }

  /** See TaskTry#cancelWith. */
  boolean cancelWith(EngineTry attempt, TryCanceller canceller) {
    int i = attempt.index;
    synchronized (lock) {
      boolean current = phase[i] == RUNNING && tries[i] == attempt.tryNumber();
      if (current) {
        cancellers[i] = canceller;
      }
      return current;
    }
  }

  /** A local body is about to start on this JVM's thread: terminated() waits for it. */
  void bodyStarting() {
    bodiesRunning.incrementAndGet();
  }

  /** A local body returned. */
  void bodyReturned() {
    bodiesRunning.decrementAndGet();
    checkTerminated();
  }

  /** A local body that ignored its timeout's interrupt was given up (see BodyThread#cancel). */
  void bodyGivenUp() {
    bodiesRunning.decrementAndGet();
  }

  // ---- launching tries ----

  /** Hands a section's queued tasks to the launcher (see takeStartable). */
  private void launch(int queued) {
    for (int i = queued; i != NO_TASK; ) {
      int next = queuedNext[i];
      handOut(i);
      i = next;
    }
  }

  private void handOut(int i) {
    EngineTry attempt = new EngineTry(this, i, tries[i] + 1);
    try {
      launcher.launch(attempt);
    } catch (RuntimeException | Error e) { // rejected, or any other failure to hand it over
      report(attempt, null, e);
    }
  }

  /** An outcome reported by a launcher (see TaskTry#succeeded, TaskTry#failed). */
  void report(EngineTry attempt, Object output, Throwable error) {
    int i = attempt.index;
    int tryNumber = attempt.tryNumber();
    if (error != null) {
      synchronized (lock) {
        now = timer.now();
        if (phase[i] == QUEUED && tries[i] + 1 == tryNumber) {
          // A try that failed to start: it fails (or retries) like any other.
          phase[i] = RUNNING;
          ++tries[i];
        }
      }
    }
    launch(complete(attempt, output, error, false));
  }

  /**
   * The outcome of a try whose body ran on this thread: the tries it makes startable go to the
   * launcher, except the last one, which this thread runs next (returned; null if none), so it
   * never waits for a worker.
   */
  EngineTry reportOnThisThread(EngineTry attempt, Object output, Throwable error) {
    int kept = complete(attempt, output, error, true);
    return kept == NO_TASK ? null : new EngineTry(this, kept, tries[kept] + 1);
  }

  /**
   * Try {@code tryNumber} of task {@code i} ended: record it, retry or fail, tell its downstream
   * tasks, and return the tasks that can start now, for the caller to launch outside the lock.
   */
  private int complete(EngineTry attempt, Object output, Throwable error, boolean keepLast) {
    int i = attempt.index;
    int tryNumber = attempt.tryNumber();
    int toStart;
    boolean succeeded;
    synchronized (lock) {
      now = timer.now();
      if (keepLast) {
        // This thread ran the try's body. Interrupts meant for it (a timeout, a stop) are sent
        // under this lock while the try is current, so all of them have arrived by now, and none
        // can come once the try has ended: clear them before the thread submits, logs and runs
        // its next task, whether the try is still current or was ended meanwhile.
        Thread.interrupted();
      }
      if (finished || phase[i] != RUNNING || tries[i] != tryNumber) {
        return NO_TASK; // a late completion of a try that was already ended
      }
      try {
        endTry(i);
        Throwable failure = error;
        if (failure == null && tasks.get(i).kind() != TaskKind.TASK) {
          failure = checkDecision(i, output);
        }
        if (failure == null) {
          succeeded = succeed(i, output);
        } else {
          succeeded = false;
          fail(i, failure);
        }
        propagate();
        finishIfDone();
        toStart = takeStartable(keepLast);
      } catch (RuntimeException | Error e) {
        abort(e);
        return NO_TASK;
      }
    }
    // The ids to log are read before any queued task is submitted (see takeStartable).
    String[] queuedIds = log.isInfoEnabled() ? ids(toStart) : null;
    int kept = toStart;
    if (keepLast) {
      // A worker's own completion: the tasks it queued for other workers go to the executor
      // before it logs, so that they do not wait for its log lines (RuntimeBench's logging line).
      while (kept != NO_TASK && queuedNext[kept] != NO_TASK) {
        int after = queuedNext[kept];
        handOut(kept);
        kept = after;
      }
    }
    if (queuedIds != null) {
      if (succeeded) {
        log.info("processed {}", tasks.get(i).taskId());
      }
      logQueued(queuedIds);
    }
    completeResult();
    return kept;
  }

  /** The ids of a section's queued tasks, in order (only to log them). */
  private String[] ids(int queued) {
    int count = 0;
    for (int i = queued; i != NO_TASK; i = queuedNext[i]) {
      count++;
    }
    String[] ids = new String[count];
    int k = 0;
    for (int i = queued; i != NO_TASK; i = queuedNext[i]) {
      ids[k++] = tasks.get(i).taskId();
    }
    return ids;
  }

  /**
   * Logs the tasks a section queued, after it released the lock: logging inside it would make
   * every other thread wait for the appender (RuntimeBench's logging line).
   */
  private void logQueued(int queued) {
    if (queued != NO_TASK && log.isInfoEnabled()) {
      logQueued(ids(queued));
    }
  }

  private static void logQueued(String[] queuedIds) {
    for (String id : queuedIds) {
      log.info("adding to the queue {}", id);
    }
  }

  /** Releases what a running try holds: its slot, its timeout, its thread or future. */
  private void endTry(int i) {
    active--;
    cancellers[i] = null;
    Future<?> timeout = timeouts == null ? null : timeouts[i];
    if (timeout != null) {
      timeouts[i] = null;
      timeout.cancel(false);
    }
  }

  /** Records a success; false when the journal rejected the output, which fails the try instead. */
  private boolean succeed(int i, Object output) {
    try {
      transition(i, TaskState.SUCCESS, tries[i], null, output);
    } catch (OutputRejectedException e) {
      fail(i, e);
      return false;
    }
    end(i, ENDED_SUCCESS);
    follow(i, output);
    pushWork(i);
    return true;
  }

  /** Applies a branch's or short-circuit's decision to its downstream tasks (see Skips). */
  private void follow(int i, Object output) {
    TaskDefinition task = tasks.get(i);
    int[] skipped = null;
    if (task.kind() == TaskKind.BRANCH) {
      skipped = Skips.ofBranch(dag, i, branchTargets(output));
    } else if (task.kind() == TaskKind.SHORT_CIRCUIT && Boolean.FALSE.equals(output)) {
      skipped = Skips.ofShortCircuit(dag, i);
    }
    if (skipped != null) {
      for (int d : skipped) {
        if (Skips.overwrites(stateOf(d))) {
          skip(d);
        }
      }
    }
  }

  /** Ends task {@code d}, which a branch or short circuit skips, from whatever state it waits in. */
  private void skip(int d) {
    if (phase[d] == QUEUED) {
      active--; // it held a slot; whoever was to start it finds it ended
    } else if (phase[d] == ENDED_UPSTREAM_FAILED) {
      // Its downstream tasks counted it as upstream_failed: they count it again, as skipped.
      ended--;
      for (int k = 0, m = dag.downstreamCount(d); k < m; k++) {
        upstreamUpstreamFailed[dag.downstream(d, k)]--;
      }
    }
    endWithoutRunning(d, TaskState.SKIPPED, null);
  }

  /** Task {@code i}'s state as Airflow names it (an allowed failure reads as a success). */
  private TaskState stateOf(int i) {
    return switch (phase[i]) {
      case NONE -> TaskState.NONE;
      case SCHEDULED -> TaskState.SCHEDULED;
      case QUEUED, ABANDONED -> TaskState.QUEUED;
      case RUNNING -> TaskState.RUNNING;
      case RETRY_WAIT -> TaskState.UP_FOR_RETRY;
      case ENDED_SUCCESS -> TaskState.SUCCESS;
      case ENDED_SKIPPED -> TaskState.SKIPPED;
      case ENDED_UPSTREAM_FAILED -> TaskState.UPSTREAM_FAILED;
      default -> TaskState.FAILED;
    };
  }

  /** A try failed: up_for_retry while tries remain, else failed (fail-fast stops the run). */
  private void fail(int i, Throwable error) {
    TaskDefinition task = tasks.get(i);
    TaskError taskError = TaskError.of(error);
    int triesThisRun = triesBefore == null ? tries[i] : tries[i] - triesBefore[i];
    if (triesThisRun <= task.retries() && !stopping) {
      phase[i] = RETRY_WAIT;
      transition(i, TaskState.UP_FOR_RETRY, tries[i], taskError, null);
      Duration delay = task.retryDelayAfter(tries[i]);
      log.warn("task {} failed on try {}, retrying in {}", task.taskId(), tries[i], delay, error);
      timer.schedule(delay, () -> retry(i));
      return;
    }
    boolean hard = !task.allowToFail();
    end(i, hard ? ENDED_FAILED : ENDED_SUCCESS);
    transition(i, TaskState.FAILED, tries[i], taskError, null);
    if (hard) {
      log.error("task {} failed", task.taskId(), error);
    } else {
      log.warn("task {} failed (allowed to fail)", task.taskId(), error);
    }
    pushWork(i);
    if (hard && dag.failFast() && failFastCause == null) {
      failFastCause = task.taskId();
      stopAll(
          "stopped by fail_fast: task '" + task.taskId() + "' failed",
          TaskState.SKIPPED);
    }
  }

  private Throwable checkDecision(int i, Object output) {
    TaskDefinition task = tasks.get(i);
    if (task.kind() == TaskKind.SHORT_CIRCUIT) {
      return output instanceof Boolean
          ? null
          : new IllegalArgumentException(
              "short-circuit task '" + task.taskId() + "' must return a Boolean (false skips "
                  + "everything downstream); it returned " + describe(output));
    }
    Collection<?> ids =
        output == null ? List.of() : output instanceof String id ? List.of(id) : output instanceof Collection<?> c ? c : null;
    Set<String> valid = new HashSet<>(dag.downstreamIds(task.taskId()));
    if (ids == null) {
      return new IllegalArgumentException(
          "branch task '" + task.taskId() + "' must return a task id or a collection of task ids "
              + "among its direct downstream tasks " + valid + " (or null to follow none); it returned "
              + describe(output));
    }
    for (Object id : ids) {
      if (!valid.contains(id)) {
        return new IllegalArgumentException(
            "branch task '" + task.taskId() + "' returned '" + id + "', which is not one of its "
                + "direct downstream tasks " + valid);
      }
    }
    return null;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value + " (" + value.getClass().getName() + ")";
  }

  private static Set<String> branchTargets(Object output) {
    Set<String> follow = new HashSet<>();
    if (output instanceof String id) {
      follow.add(id);
    } else if (output != null) {
      for (Object id : (Collection<?>) output) {
        follow.add(String.valueOf(id));
      }
    }
    return follow;
  }

  private void retry(int i) {
    int toStart;
    synchronized (lock) {
      now = timer.now();
      if (phase[i] != RETRY_WAIT || stopping || finished) {
        return;
      }
      try {
        schedule(i);
        toStart = takeStartable(false);
      } catch (RuntimeException | Error e) {
        abort(e);
        return;
      }
    }
    logQueued(toStart);
    launch(toStart);
  }

  private void timedOut(int i, int tryNumber, Duration timeout) {
    int toStart;
    synchronized (lock) {
      now = timer.now();
      if (finished || phase[i] != RUNNING || tries[i] != tryNumber) {
        return;
      }
      try {
        TryCanceller canceller = cancellers[i];
        endTry(i);
        fail(
            i,
            new TimeoutException(
                "task '" + tasks.get(i).taskId() + "' timed out after " + timeout
                    + " (executionTimeout); it was cancelled"));
        // Only now, with the try ended, may a cancelled future's callback run (it is ignored).
        canceller.cancel(true);
        propagate();
        finishIfDone();
        toStart = takeStartable(false);
      } catch (RuntimeException | Error e) {
        abort(e);
        return;
      }
    }
    logQueued(toStart);
    completeResult();
    checkTerminated();
    launch(toStart);
  }

  /**
   * Fails every running try (cancelling it) and ends or abandons every task that has not started:
   * fail-fast skips them, a cancel leaves them as they are so that a resume can run them.
   */
  private void stopAll(String reason, TaskState unstarted) {
    stopping = true;
    for (int i = 0; i < n; i++) {
      switch (phase[i]) {
        case RUNNING -> {
          TryCanceller canceller = cancellers[i];
          endTry(i);
          endStopped(i, reason);
          canceller.cancel(false);
        }
        case RETRY_WAIT -> endStopped(i, reason);
        case QUEUED -> {
          active--;
          if (unstarted == null) {
            phase[i] = ABANDONED;
          } else {
            endWithoutRunning(i, unstarted, null);
          }
        }
        case NONE, SCHEDULED -> {
          if (unstarted != null) {
            endWithoutRunning(i, unstarted, null);
          }
        }
        default -> {}
      }
    }
    workSize = 0; // nothing new may be scheduled; downstream counts no longer matter
    readySize = 0;
  }

  /** Ends a try that fail-fast or a cancel stopped: failed, with the reason as its error. */
  private void endStopped(int i, String reason) {
    end(i, ENDED_FAILED);
    transition(i, TaskState.FAILED, tries[i], TaskError.of(new CancellationException(reason)), null);
  }

  /**
   * Cancels the run (Ctrl-C, SIGTERM): running tries fail, nothing new starts. Done on a thread of
   * its own, so that a caller holding the store's lock (a store listener) cannot deadlock with the
   * engine, which takes its lock before the store's; {@link #result()} tells when the run ended.
   */
  void cancel() {
    Thread canceller = new Thread(this::cancelNow, "processflow-cancel-" + runId);
    canceller.setDaemon(true);
    canceller.start();
  }

  private void cancelNow() {
    synchronized (lock) {
      now = timer.now();
      if (finished || cancelled) {
        return;
      }
      cancelled = true;
      log.warn("dag {} run {} cancelled: stopping running tasks", dag.dagId(), runId);
      try {
        stopAll("run " + runId + " was cancelled", null);
        finishIfDone();
      } catch (RuntimeException | Error e) {
        abort(e);
        return;
      }
    }
    completeResult();
  }

  // ---- the end ----

  private void finishIfDone() {
    if (finished || active != 0 || (ended != n && !stopping)) {
      return;
    }
    finished = true;
    DagRunState end = cancelled || failFastCause != null || leafFailed() ? DagRunState.FAILED : DagRunState.SUCCESS;
    store.dispatch(new DagRunStatusUpdate(runId, dag.dagId(), now, end));
    outcomeResult = new RunResult(store.getState(), dag);
  }

  /** Airflow's rule: a run fails when one of its leaf tasks failed or is upstream_failed. */
  private boolean leafFailed() {
    for (int i = 0; i < n; i++) {
      if (dag.downstreamCount(i) == 0 && (phase[i] == ENDED_FAILED || phase[i] == ENDED_UPSTREAM_FAILED)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Logs the end and completes the run's future, outside the lock, so that no caller callback runs
   * under it and the end is logged after the last task's own lines.
   */
  private void completeResult() {
    RunResult done = outcomeResult;
    if (done != null && announced.compareAndSet(false, true)) {
      log.info("dag {} run {} finished: {}", dag.dagId(), runId, done.state());
      result.complete(done);
      checkTerminated();
    }
  }

  /** Completes {@link #terminated()} once the result is in and the last body has returned. */
  private void checkTerminated() {
    if (result.isDone() && bodiesRunning.get() == 0) {
      terminated.complete(null);
    }
  }

  /**
   * Completes after {@link #result()}, once no task body is executing any more: after a cancel,
   * when the interrupted bodies have returned. A body given up at its timeout (see
   * {@link #abandon}) is not waited for.
   */
  CompletableFuture<Void> terminated() {
    return terminated;
  }

  private void abort(Throwable e) {
    finished = true;
    log.error("dag {} run {} aborted: the runtime could not record a transition", dag.dagId(), runId, e);
    result.completeExceptionally(
        new IllegalStateException(
            "Run " + runId + " of DAG '" + dag.dagId() + "' aborted: the store rejected a "
                + "transition (" + e + "). Check the DAG's reducer and the run's middleware.",
            e));
    checkTerminated();
  }

  private void transition(int i, TaskState state, int tryNumber, TaskError error, Object output) {
    reducer.expect(i);
    store.dispatch(
        new TaskStatusUpdate(runId, taskIds.get(i), now, state, tryNumber, error, output));
  }
}
