package io.processflow.runtime.execution;

import static io.processflow.runtime.execution.TaskLinks.END;
import static io.processflow.runtime.execution.TaskPhase.BACKING_OFF;
import static io.processflow.runtime.execution.TaskPhase.ENDED_FAILED;
import static io.processflow.runtime.execution.TaskPhase.ENDED_OK;
import static io.processflow.runtime.execution.TaskPhase.ENDED_SKIPPED;
import static io.processflow.runtime.execution.TaskPhase.ENDED_UPSTREAM_FAILED;
import static io.processflow.runtime.execution.TaskPhase.HANDED_OUT;
import static io.processflow.runtime.execution.TaskPhase.IN_TRY;
import static io.processflow.runtime.execution.TaskPhase.READY;
import static io.processflow.runtime.execution.TaskPhase.SHELVED;
import static io.processflow.runtime.execution.TaskPhase.WAITING;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.dsl.TaskKind;
import io.processflow.runtime.execution.TriggerRules.Decision;
import io.processflow.runtime.internal.dag.DagIndex;
import io.processflow.runtime.time.TaskTimer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The state machine of one run: decides when each task runs and how it ended.
 *
 * <p><b>Decide here, run anywhere.</b> This class decides readiness, trigger rules, transitions,
 * retries, timeouts and the run's end; it never runs a task body. A try that may start is handed to
 * a {@link TaskLauncher} (the local pool, a remote worker), which reports back through its {@link
 * TaskTry} when the body starts and how it ended; {@link RunExecution} turns each such report,
 * retry timer, timeout and cancel into one call here, under its lock, at one instant. This class is
 * therefore single-threaded code; each entry point returns the tries it handed out.
 *
 * <p><b>Readiness by counters.</b> Each task counts how many of its upstream tasks ended and how
 * ({@link UpstreamCounts}); a task that ends adds itself to its direct downstream tasks' counts,
 * whose trigger rules then decide ({@link TriggerRules}), so a run costs O(tasks + edges) with no
 * scans. Ends are told in rounds, as Airflow's scheduler passes (see {@link #propagate}). Tasks
 * that may run wait for one of the run's {@link Slots}.
 *
 * <p><b>Phases and lifecycle.</b> Each task is in one {@link TaskPhase}: waiting, ready, handed
 * out, in a try, backing off before a retry, shelved by a cancel, or ended in one of four ways that
 * mean different things downstream. The run is in one {@link RunLifecycle}: running, failing fast
 * or cancelling (draining), finished or aborted.
 *
 * <p><b>Tries are fenced.</b> Every try carries its number, fixed when it is handed out; a start or
 * an outcome that arrives for a try that was already ended (by its timeout, fail-fast or a cancel)
 * is refused or ignored, and the body is stopped through its {@link TryCanceller}.
 */
final class RunStateMachine {
  private final RunExecution run;
  private final DagDefinition dag;
  private final DagIndex byIndex;

  /** The DAG's own list (immutable, shared by its runs: nothing to copy per run). */
  private final List<TaskDefinition> tasks;

  private final int n;
  private final TaskTimer timer;
  private final Transitions record;
  private final ResumePlan resume;

  private final UpstreamCounts counts;
  private final byte[] phase;
  private final int[] tries;

  /** Tries made before this run resumed (retries count from there); null when not resuming. */
  private final int[] triesBefore;

  private final RunningTries running;
  private final TaskLinks links;
  private final Slots slots;
  private final WorkList work = new WorkList();
  private int ended;
  private final Rechecks rechecks;

  private RunLifecycle lifecycle = RunLifecycle.RUNNING;

  /** The result, once the run finished; read outside the lock (see RunExecution). */
  private volatile RunResult outcome;

  RunStateMachine(RunExecution run, BodyPace pace, Transitions record, ResumePlan resume) {
    this.run = run;
    this.dag = run.dag();
    this.byIndex = DagIndex.of(dag);
    this.timer = run.timer();
    this.record = record;
    this.resume = resume;
    this.tasks = dag.tasks();
    int n = tasks.size();
    this.n = n;
    this.counts = new UpstreamCounts(dag);
    this.phase = new byte[n];
    this.tries = new int[n];
    this.triesBefore = resume == null ? null : new int[n];
    this.running = new RunningTries(n);
    this.links = new TaskLinks(n);
    this.slots = new Slots(phase, tries, pace, links, record);
    this.rechecks = new Rechecks(n);
  }

  /** The lists of the tries sections hand out. */
  TaskLinks links() {
    return links;
  }

  /** The next try's number of handed-out task {@code i}, for the section that handed it out. */
  int nextTry(int i) {
    return tries[i] + 1;
  }

  /** The run's result once it finished, else null. */
  RunResult outcome() {
    return outcome;
  }

  /** The store rejected a transition: nothing more is decided or recorded. */
  void abort() {
    lifecycle = RunLifecycle.ABORTED;
  }

  /** The run starts: records it running and decides its root tasks (after a resume's restore). */
  int startRun() {
    record.run(DagRunState.RUNNING);
    if (resume != null) {
      restore();
      propagate();
    }
    for (int i = 0; i < n; i++) {
      if (phase[i] == WAITING
          && TriggerRules.isRoot(byIndex.triggerRule(i), byIndex.upstreamCount(i))) {
        evaluate(i);
        propagate();
      }
    }
    finishIfDone();
    return takeStartable(false);
  }

  /** Resuming: ends the tasks that stay (see RunRestore) and applies their decisions again. */
  private void restore() {
    RunRestore kept = RunRestore.of(run, resume, record, tries, triesBefore);
    for (int k = 0; k < kept.size(); k++) {
      end(kept.task(k), ENDED_OK);
    }
    // Only once all are ended: a task that follow() skips is ended and queued for propagation by
    // endWithoutRunning itself, and must not be followed or queued a second time.
    for (int k = 0; k < kept.size(); k++) {
      follow(kept.task(k), kept.output(k));
      work.add(kept.task(k));
    }
  }

  /** Starts try {@code tryNumber} of handed-out task {@code i} (see TaskTry#start). */
  boolean startTry(int i, int tryNumber, TryCanceller canceller) {
    if (phase[i] != HANDED_OUT || lifecycle.over() || tries[i] + 1 != tryNumber) {
      return false; // ended by fail-fast, shelved by a cancel, or the run ended meanwhile
    }
    phase[i] = IN_TRY;
    tries[i] = tryNumber;
    running.hold(i, canceller);
    record.task(i, TaskState.RUNNING, tryNumber, null, null);
    Duration timeout = tasks.get(i).executionTimeout();
    if (timeout != null) {
      running.timeout(i, timer.schedule(timeout, () -> run.timedOut(i, tryNumber)));
    }
    return true;
  }

  /**
   * Try {@code tryNumber} of task {@code i} ended: record it, retry or fail, tell its downstream
   * tasks, and return the tries that can start now and whether it succeeded (TaskLinks#packed);
   * with {@code keepLast}, the last try is not recorded queued (the caller's thread runs it).
   */
  int complete(int i, int tryNumber, Object output, Throwable error, boolean keepLast) {
    if (lifecycle.over()) {
      return TaskLinks.packed(END, false);
    }
    if (error != null && phase[i] == HANDED_OUT && tries[i] + 1 == tryNumber) {
      phase[i] = IN_TRY; // a try that failed to start: it fails (or retries) like any other
      tries[i] = tryNumber;
    }
    if (phase[i] != IN_TRY || tries[i] != tryNumber) {
      return TaskLinks.packed(END, false); // a late outcome of a try that was already ended
    }
    endTry(i);
    Throwable failure = error;
    if (failure == null && tasks.get(i).kind() != TaskKind.TASK) {
      failure = Branching.check(dag, tasks.get(i), output);
    }
    boolean succeeded = failure == null && succeed(i, output);
    if (failure != null) {
      fail(i, failure);
    }
    propagate();
    finishIfDone();
    return TaskLinks.packed(takeStartable(keepLast), succeeded);
  }

  /** The run's pace was widened (see BodyPace): ready tasks get the slots it may now hold. */
  int handOutWaiting() {
    return takeStartable(false);
  }

  /** Task {@code i}'s retry delay passed: it is ready again. */
  int retry(int i) {
    if (phase[i] != BACKING_OFF || lifecycle != RunLifecycle.RUNNING) {
      return END;
    }
    if (counts.decide(i) == Decision.WAIT) {
      rechecks.due(i); // its rule no longer holds: it waits to retry until it does (see recheck)
      return END;
    }
    slots.ready(i);
    return takeStartable(false);
  }

  /** Try {@code tryNumber} of task {@code i}, when current, says {@code detail} at its timeout. */
  void timeoutDetail(int i, int tryNumber, Supplier<String> detail) {
    if (phase[i] == IN_TRY && tries[i] == tryNumber) {
      running.timeoutDetail(i, detail);
    }
  }

  /** What try {@code tryNumber} of task {@code i} says at its timeout, or null. */
  Supplier<String> timeoutDetail(int i, int tryNumber) {
    return phase[i] == IN_TRY && tries[i] == tryNumber ? running.timeoutDetail(i) : null;
  }

  /**
   * Try {@code tryNumber} of task {@code i} reached its execution timeout; {@code detail} is what
   * its operator said about it ({@code "; "} and its words, or {@code ""}).
   */
  int timedOut(int i, int tryNumber, String detail) {
    if (lifecycle.over() || phase[i] != IN_TRY || tries[i] != tryNumber) {
      return END;
    }
    TryCanceller canceller = endTry(i);
    fail(
        i,
        new TimeoutException(
            "task '"
                + tasks.get(i).taskId()
                + "' timed out after "
                + tasks.get(i).executionTimeout()
                + " (executionTimeout); it was cancelled"
                + detail));
    // Only now, with the try ended, may a cancelled future's callback run (it is ignored).
    canceller.cancel(true);
    propagate();
    finishIfDone();
    return takeStartable(false);
  }

  /** The run is cancelled (see RunExecution#cancel). */
  int cancel() {
    if (lifecycle.over() || lifecycle == RunLifecycle.CANCELLING) {
      return END;
    }
    lifecycle = RunLifecycle.CANCELLING;
    RunLog.cancelled(dag.dagId(), run.runId());
    stopAll("run " + run.runId() + " was cancelled", null);
    finishIfDone();
    return END;
  }

  /** See TaskTry#cancelWith. */
  boolean cancelWith(int i, int tryNumber, TryCanceller canceller) {
    boolean current = phase[i] == IN_TRY && tries[i] == tryNumber;
    if (current) {
      running.hold(i, canceller);
    }
    return current;
  }

  // ---- deciding ----

  /** Applies task {@code i}'s trigger rule to its upstream counts. */
  private void evaluate(int i) {
    switch (counts.decide(i)) {
      case RUN -> slots.ready(i);
      case SKIP -> endWithoutRunning(i, TaskState.SKIPPED);
      case UPSTREAM_FAILED -> endWithoutRunning(i, TaskState.UPSTREAM_FAILED);
      case WAIT -> {}
    }
  }

  /** Marks task {@code i} ended; {@code how} is one of the ENDED_ phases. */
  private void end(int i, byte how) {
    phase[i] = how;
    ended++;
  }

  /** Ends a task that never runs (skipped, upstream_failed) and queues it for propagation. */
  private void endWithoutRunning(int i, TaskState state) {
    // A task recorded scheduled or queued is in its next try (as Airflow's schedule_tis counts it)
    int tryNumber = phase[i] == READY || phase[i] == HANDED_OUT ? tries[i] + 1 : tries[i];
    end(i, state == TaskState.SKIPPED ? ENDED_SKIPPED : ENDED_UPSTREAM_FAILED);
    record.task(i, state, tryNumber, null, null);
    work.add(i);
  }

  /**
   * Tells the downstream tasks of every task on the work list how it ended, evaluating their
   * trigger rules; tasks that end without running join the list in turn (iterative, so a long chain
   * of upstream_failed tasks cannot overflow the thread's stack).
   *
   * <p>In rounds, as Airflow's scheduler passes: a round first counts every task that ended since
   * the last one, then evaluates their downstream tasks, all against the same counts; a task that a
   * round ends is seen by the next round. Evaluating depth first instead would let a task see an
   * upstream task that ended later in the cascade before one that ended earlier, and decide as
   * Airflow never does (a failure's upstream_failed reaching a join before a skip that preceded
   * it).
   */
  private void propagate() {
    int head = 0;
    while (head < work.size()) {
      int roundEnd = work.size();
      for (int w = head; w < roundEnd; w++) {
        int u = work.get(w);
        counts.countEnd(u, phase[u]);
      }
      for (int w = head; w < roundEnd; w++) {
        int u = work.get(w);
        for (int k = 0, m = byIndex.downstreamCount(u); k < m; k++) {
          int d = byIndex.downstream(u, k);
          if (phase[d] == WAITING && !lifecycle.stopping()) {
            evaluate(d);
          } else if (phase[d] == BACKING_OFF && !lifecycle.stopping()) {
            recheck(d);
          }
        }
      }
      head = roundEnd;
    }
    work.clear();
  }

  /** Ends a section: hands ready tasks free slots, unless the run is stopping (see Slots#take). */
  private int takeStartable(boolean keepLast) {
    if (lifecycle != RunLifecycle.RUNNING) {
      slots.handOutNothing();
      return END;
    }
    return slots.take(keepLast);
  }

  /** Releases what a running try holds: its slot, its timeout; returns its canceller. */
  private TryCanceller endTry(int i) {
    slots.free();
    return running.release(i);
  }

  /** Records a success; false when the journal rejected the output, which fails the try instead. */
  private boolean succeed(int i, Object output) {
    try {
      record.task(
          i, TaskState.SUCCESS, tries[i], null, Branching.kept(dag, i, tasks.get(i), output));
    } catch (OutputRejectedException e) {
      fail(i, e);
      return false;
    }
    end(i, ENDED_OK);
    follow(i, output);
    work.add(i);
    return true;
  }

  /** Applies a branch's or short-circuit's decision to its downstream tasks (see Branching). */
  private void follow(int i, Object output) {
    int[] skipped = Branching.skipped(dag, i, tasks.get(i), output);
    if (skipped != null) {
      for (int d : skipped) {
        if (Skips.overwrites(TaskPhase.state(phase[d]))) {
          skip(d);
        } else if (phase[d] == IN_TRY && Skips.isParent(byIndex, i, d)) {
          rechecks.unfollow(d); // should this try fail, the task is skipped, not retried
        }
      }
    }
  }

  /**
   * Task {@code i} waits to retry, and Airflow's scheduler checks it again at each pass: a task a
   * branch or short circuit skipped while it ran, or whose trigger rule now skips it (an upstream
   * {@code upstream_failed} task that a skip turned {@code skipped}), ends so without retrying.
   */
  private void recheck(int i) {
    boolean unfollowedChild = rechecks.unfollowed(i);
    Decision decision = unfollowedChild ? Decision.SKIP : counts.decide(i);
    if (decision == Decision.SKIP || decision == Decision.UPSTREAM_FAILED) {
      TaskState state = decision == Decision.SKIP ? TaskState.SKIPPED : TaskState.UPSTREAM_FAILED;
      RunLog.notRetried(tasks.get(i).taskId(), unfollowedChild, state);
      rechecks.cancelRetryTimer(i);
      endWithoutRunning(i, state);
    } else if (decision == Decision.RUN && rechecks.takeDue(i)) {
      slots.ready(i); // its delay passed while its rule did not hold; now it does
    }
  }

  /** Ends task {@code d}, which a branch or short circuit skips, from whatever phase it is in. */
  private void skip(int d) {
    if (phase[d] == HANDED_OUT) {
      slots.free(); // it held a slot; whoever was to start it finds it ended
    } else if (phase[d] == ENDED_UPSTREAM_FAILED) {
      // Its downstream tasks counted it as upstream_failed: they count it again, as skipped.
      ended--;
      counts.uncountUpstreamFailed(d);
    }
    endWithoutRunning(d, TaskState.SKIPPED);
  }

  /** A try failed: up_for_retry while tries remain, else failed (fail-fast stops the run). */
  private void fail(int i, Throwable error) {
    TaskDefinition task = tasks.get(i);
    TaskError taskError = TaskError.of(error);
    int triesThisRun = triesBefore == null ? tries[i] : tries[i] - triesBefore[i];
    if (triesThisRun <= task.retries() && !lifecycle.stopping()) {
      phase[i] = BACKING_OFF;
      record.task(i, TaskState.UP_FOR_RETRY, tries[i], taskError, null);
      Duration delay = task.retryDelayAfter(dag.dagId(), run.logicalDate(), tries[i]);
      RunLog.retrying(task.taskId(), tries[i], delay, error);
      rechecks.retryTimer(i, timer.schedule(delay, () -> run.retry(i)));
      recheck(i);
      return;
    }
    boolean hard = !task.allowToFail();
    end(i, hard ? ENDED_FAILED : ENDED_OK);
    record.task(i, TaskState.FAILED, tries[i], taskError, null);
    RunLog.failed(task.taskId(), !hard, error);
    work.add(i);
    if (hard && dag.failFast() && lifecycle == RunLifecycle.RUNNING) {
      lifecycle = RunLifecycle.FAILING_FAST;
      stopAll("stopped by fail_fast: task '" + task.taskId() + "' failed", TaskState.SKIPPED);
    }
  }

  /**
   * Fails every running try (cancelling it) and ends or shelves every task that has not started:
   * fail-fast skips them ({@code unstarted}), a cancel leaves them as they are (null) so that a
   * resume can run them.
   */
  private void stopAll(String reason, TaskState unstarted) {
    for (int i = 0; i < n; i++) {
      switch (phase[i]) {
        case IN_TRY -> {
          TryCanceller canceller = endTry(i);
          endStopped(i, reason);
          canceller.cancel(false);
        }
        case BACKING_OFF -> {
          rechecks.cancelRetryTimer(i);
          if (unstarted == null) { // a cancel fails it; fail-fast skips it (_stop_remaining_tasks)
            endStopped(i, reason);
          } else {
            endWithoutRunning(i, unstarted);
          }
        }
        case HANDED_OUT -> {
          slots.free();
          if (unstarted == null) {
            phase[i] = SHELVED;
          } else {
            endWithoutRunning(i, unstarted);
          }
        }
        case WAITING, READY -> {
          if (unstarted != null) {
            endWithoutRunning(i, unstarted);
          }
        }
        default -> {}
      }
    }
    work.clear(); // nothing new may be scheduled; downstream counts no longer matter
    slots.clearReady();
  }

  /** Ends a try that fail-fast or a cancel stopped: failed, with the reason as its error. */
  private void endStopped(int i, String reason) {
    end(i, ENDED_FAILED);
    record.task(
        i, TaskState.FAILED, tries[i], TaskError.of(new CancellationException(reason)), null);
  }

  private void finishIfDone() {
    if (lifecycle.over() || slots.active() != 0 || (ended != n && !lifecycle.stopping())) {
      return;
    }
    boolean failed = lifecycle.stopping() || TaskPhase.aLeafFailsTheRun(byIndex, phase);
    lifecycle = RunLifecycle.FINISHED;
    record.run(failed ? DagRunState.FAILED : DagRunState.SUCCESS);
    outcome = new RunResult(record.state(), dag);
  }
}
