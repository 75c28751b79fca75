package io.processflow.runtime.execution;

import static io.processflow.runtime.execution.TaskLinks.END;

import io.processflow.api.RunState;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.Store;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.store.Stores;
import io.processflow.runtime.time.TaskTimer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One run of one DAG, as threads see it: the lock around its {@link RunStateMachine}, the entry
 * points that launchers, timers and cancels call, and the launching and logging of what each locked
 * section decided, outside the lock.
 *
 * <p>Every entry point is one locked section ({@link #locked}): it reads the section's time once
 * (every transition of a section happens at one instant; RuntimeBench), lets the state machine
 * decide, and turns a store that rejects a transition into the run's one abort path ({@link
 * #abort}). The section returns the tries it handed out as a {@link TaskLinks} list; its thread
 * launches them and logs after releasing the lock, so no launcher, log appender or caller callback
 * runs under it. The store serialises dispatches anyway, so the lock costs no parallelism; it keeps
 * each task's transitions in order.
 */
final class RunExecution {
  private final DagDefinition dag;
  private final List<String> taskIds;
  private final String runId;
  private final Instant logicalDate;
  private final Map<String, Object> params;

  /** Where task bodies run (see TaskLauncher); the state machine only decides. */
  private final TaskLauncher launcher;

  private final TaskTimer timer;
  private final Store<RunState> store;

  /** Where the run's tries keep their own logs (see TryLogs). */
  private final TryLogs tryLogs;

  private final CompletableFuture<RunResult> result = new CompletableFuture<>();

  /** Guards the state machine; a monitor, whose adaptive spinning suits these short sections. */
  private final Object lock = new Object();

  private final Transitions record;
  private final RunStateMachine machine;
  private final TaskLinks links;

  /** The hot section, run by whichever worker holds the lock (see CombinedSections). */
  private final CombinedSections combined;

  /**
   * The run state's columns (see RunStateImpl#newestColumns): its output column for EngineTry's
   * xcomPull, and what a resume restores from.
   */
  private final TaskColumns columns;

  /** Set by the one thread that logs the end and completes the result. */
  private final AtomicBoolean announced = new AtomicBoolean();

  /** How many slots local bodies may hold now (see BodyPace); under the lock. */
  private final BodyPace pace;

  /** When the current section began (see SectionClock). */
  private final SectionClock clock;

  /** PaceWatch has watched the run (written under the lock; read, racily, at its end). */
  private boolean watched;

  /** The run's bodies on this JVM's threads, and its termination (see LocalBodies). */
  private final LocalBodies bodies = new LocalBodies(result);

  RunExecution(
      DagDefinition dag,
      String runId,
      Instant logicalDate,
      Map<String, Object> params,
      TaskLauncher launcher,
      TaskTimer timer,
      int maxActive,
      BodyPace.Settings paceSettings,
      List<Middleware<RunState>> middleware,
      ResumePlan resume,
      TryLogs tryLogs) {
    this.dag = dag;
    this.taskIds = dag.taskIds();
    this.runId = runId;
    this.logicalDate = logicalDate;
    this.params = params;
    this.launcher = launcher;
    this.timer = timer;
    this.tryLogs = tryLogs;
    RunReducer reducer = new RunReducer(dag.appReducer());
    // Held by this run alone (nothing else has it): its replay, then the run, change it in place
    // until someone reads the store's state (see RunStateImpl#shared).
    RunState initial =
        RunStateImpl.initial(dag, runId, resume == null ? List.of() : resume.removedTaskIds())
            .held();
    if (resume != null) {
      initial = resume.replay(reducer, initial);
    }
    this.store = Stores.create(reducer, initial, middleware);
    this.columns = ((RunStateImpl) initial).newestColumns();
    this.record = new Transitions(store, reducer, runId, dag.dagId(), taskIds);
    this.clock = new SectionClock(timer, record);
    this.pace = new BodyPace(maxActive, paceSettings);
    this.machine = new RunStateMachine(this, pace, record, resume);
    this.links = machine.links();
    this.combined = new CombinedSections(lock, clock::stamp, this::completeHere);
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

  /** The run state's columns, for the run's engine under the run's lock (see RunStateMachine). */
  TaskColumns columns() {
    return columns;
  }

  /**
   * The output of task {@code i}, which ended before the calling thread's try started (see
   * EngineTry#xcomPull).
   */
  Object endedOutput(int i) {
    return columns.outputs[i];
  }

  TaskTimer timer() {
    return timer;
  }

  TryLogs tryLogs() {
    return tryLogs;
  }

  /** Where this run's task bodies run. */
  TaskLauncher launcher() {
    return launcher;
  }

  /** The task of index {@code i}. */
  TaskDefinition task(int i) {
    return dag.tasks().get(i);
  }

  CompletableFuture<RunResult> result() {
    return result;
  }

  LocalBodies bodies() {
    return bodies;
  }

  // ---- the sections: each is one call of locked(), then launching and logging outside it ----

  /**
   * A section's body, run under the lock on task {@code i}'s try {@code tryNumber} (unused by
   * some); returns the tries it handed out as {@link TaskLinks#packed} (one int, no object per
   * section).
   */
  @FunctionalInterface
  private interface Section {
    int run(RunExecution run, int i, int tryNumber, Object value, Throwable error);
  }

  /**
   * The one locked section: reads the time, runs {@code section}, and aborts the run when it throws
   * (the store rejected a transition), returning no tries then. The hot sections are static method
   * references, which allocate nothing.
   */
  private int locked(Section section, int i, int tryNumber, Object value, Throwable error) {
    synchronized (lock) {
      clock.stamp();
      return guarded(section, i, tryNumber, value, error);
    }
  }

  /** Runs a section under the lock held; a store that rejects a transition aborts the run. */
  private int guarded(Section section, int i, int tryNumber, Object value, Throwable error) {
    try {
      return section.run(this, i, tryNumber, value, error);
    } catch (RuntimeException | Error e) {
      abort(e);
      return TaskLinks.packed(END, false);
    }
  }

  /** {@link #locked} for the rare sections, whose lambda may capture what it needs. */
  private int locked(IntSupplier section) {
    return locked(
        (run, i, tryNumber, supplier, error) ->
            TaskLinks.packed(((IntSupplier) supplier).getAsInt(), false),
        0,
        0,
        section,
        null);
  }

  /**
   * After a section on task {@code i}: logs (its success, then the tries it handed out), completes
   * the result if the run finished, and launches the tries.
   */
  private void afterSection(int i, int packed) {
    int toStart = TaskLinks.first(packed);
    RunLog.afterSection(
        TaskLinks.succeeded(packed) ? taskIds.get(i) : null,
        RunLog.queuedIds(taskIds, links, toStart, END));
    completeResult();
    launch(toStart);
  }

  CompletableFuture<RunResult> start() {
    afterSection(0, locked(machine::startRun));
    return result;
  }

  /** See {@link TaskTry#start}. */
  boolean startTry(int i, int tryNumber, TryCanceller canceller) {
    Objects.requireNonNull(canceller, "canceller");
    return TaskLinks.succeeded(locked(RunExecution::startTryStep, i, tryNumber, canceller, null));
  }

  private static int startTryStep(
      RunExecution run, int i, int tryNumber, Object canceller, Throwable unused) {
    boolean started = run.machine.startTry(i, tryNumber, (TryCanceller) canceller);
    if (started && canceller instanceof BodyThread body) {
      body.request().startedNanos = run.clock.nanos(); // its body's time starts here (BodyPace)
    }
    return TaskLinks.packed(END, started);
  }

  /** See {@link TaskTry#cancelWith}. */
  boolean cancelWith(int i, int tryNumber, TryCanceller canceller) {
    synchronized (lock) {
      return machine.cancelWith(i, tryNumber, canceller);
    }
  }

  /** An outcome reported by a launcher (see TaskTry#succeeded, TaskTry#failed). */
  void report(int i, int tryNumber, Object output, Throwable error) {
    afterSection(i, locked(RunExecution::completeElsewhere, i, tryNumber, output, error));
  }

  /**
   * The outcome of a try whose body ran on this thread ({@code body}): the tries it makes startable
   * go to the launcher, except the last one, which this thread runs next, so it never waits for a
   * worker. That try starts in this same section (its {@code running} at this section's instant,
   * {@code body} its canceller): one locked section per task instead of two (RuntimeBench). The
   * section may be run by another worker thread that holds the lock at the time (see {@link
   * CombinedSections}). Returns it as a {@link TaskLinks#keptTry} (task END: none).
   *
   * <p>{@code counted}: the body is still counted as running (see LocalBodies#starting); the count
   * passes to the try started here, or is given back.
   */
  long reportOnThisThread(
      BodyThread body, int i, int tryNumber, Object output, Throwable error, boolean counted) {
    CombinedSections.Request request = body.request();
    request.task = i;
    request.tryNumber = tryNumber;
    request.output = output;
    request.error = error;
    request.cancelMark = body.cancels();
    combined.decide(request);
    request.output = null;
    request.error = null;
    int packed = request.packed;
    int toStart = TaskLinks.first(packed);
    int kept = request.kept;
    long keptTry = TaskLinks.keptTry(kept, request.keptTry);
    boolean ended = request.ended;
    if (kept != END) {
      body.reenter();
    }
    // Interrupts meant for the try just reported (a timeout, a stop) were all sent before its
    // section ended it: clear them before this thread launches, logs and runs its next try. A
    // cancel of that next try counts itself before it interrupts, so one cleared here is seen.
    Thread.interrupted();
    if (kept != END && body.cancels() != request.cancelMark) {
      Thread.currentThread().interrupt();
    }
    // The ids to log are read before any try is launched (see TaskLinks).
    String[] queuedIds = RunLog.queuedIds(taskIds, links, toStart, kept);
    // The tries for other workers go out before this thread logs, so that they do not wait for
    // its log lines (RuntimeBench's logging line).
    for (int other = toStart; other != kept; ) {
      int after = links.next(other);
      handOut(other);
      other = after;
    }
    RunLog.afterSection(TaskLinks.succeeded(packed) ? taskIds.get(i) : null, queuedIds);
    if (counted && kept == END) {
      bodies.returned();
    }
    if (ended) {
      completeResult();
    }
    return keptTry;
  }

  /**
   * A try went asynchronous (a slot, no thread): not a short body, so a narrowed run widens now,
   * not at its stall time (see BodyPace), and its waiting tasks start beside the pending one.
   */
  void wentAsynchronous() {
    handOutWidened(() -> pace.widen() ? machine.handOutWaiting() : END);
  }

  /**
   * Runs {@code widening}, a section that widens the run, and launches and logs the tries it hands
   * out; the run's end is left to the thread of the section that ended it, so that no caller's
   * callback runs on PaceWatch's thread.
   */
  private void handOutWidened(IntSupplier widening) {
    int first = TaskLinks.first(locked(widening));
    RunLog.afterSection(null, RunLog.queuedIds(taskIds, links, first, END));
    launch(first);
  }

  /** This thread's try went asynchronous: it will not report soon (see CombinedSections#leave). */
  void leaveCombining(BodyThread body) {
    combined.leave(body.request());
  }

  private static int completeElsewhere(
      RunExecution run, int i, int tryNumber, Object output, Throwable error) {
    run.pace.reportedElsewhere(); // an asynchronous body, or another launcher's: not a short one
    return run.machine.complete(i, tryNumber, output, error, false);
  }

  /** {@link #reportOnThisThread}'s section, under the lock (see CombinedSections). */
  private void completeHere(CombinedSections.Request request) {
    request.kept = END; // unless the section starts a try for the reporter
    if (pace.reported(request.task, request.startedNanos, clock.nanos())) {
      watched = true;
      PaceWatch.watch(this); // narrowed to one slot: widened again should it stall
    }
    request.packed =
        guarded(
            RunExecution::completeHereStep,
            request.task,
            request.tryNumber,
            request,
            request.error);
    request.ended = machine.outcome() != null;
  }

  private static int completeHereStep(
      RunExecution run, int i, int tryNumber, Object reported, Throwable error) {
    CombinedSections.Request request = (CombinedSections.Request) reported;
    int packed = run.machine.complete(i, tryNumber, request.output, error, true);
    int kept = TaskLinks.first(packed);
    if (kept != END) {
      while (run.links.next(kept) != END) {
        kept = run.links.next(kept);
      }
      // The last try handed out is the reporting thread's next: it starts now, at this section's
      // instant, its body's thread the reporter's (the reported try has ended above, so a late
      // cancel of it finds it over and cannot give the thread up).
      int keptTry = run.machine.nextTry(kept);
      if (!run.machine.startTry(kept, keptTry, request.body)) {
        // Cannot happen: the try was handed out by this very section, of a running run.
        throw new IllegalStateException("task " + kept + " was handed out but cannot start");
      }
      request.kept = kept;
      request.keptTry = keptTry;
      request.startedNanos = run.clock.nanos();
    }
    return packed;
  }

  /**
   * PaceWatch's look at a run it watches (on its thread): a run with no section for the pace's
   * stall time (or that ended) is widened to every slot, its waiting tasks are handed out, and it
   * is no longer watched (under the lock, where {@link #completeHere} watches it: a run narrowed
   * again right after is watched again). Returns how long until it could have stalled, or 0 once it
   * is no longer watched.
   */
  long keepPace() {
    long idle = clock.idleNanos();
    if (idle < pace.stallNanos() && !result.isDone()) {
      return pace.stallNanos() - idle;
    }
    handOutWidened(
        () -> {
          PaceWatch.forget(this);
          return pace.widen() ? machine.handOutWaiting() : END;
        });
    return 0;
  }

  /** Task {@code i}'s retry delay passed (on the timer's thread). */
  void retry(int i) {
    afterSection(i, locked(() -> machine.retry(i)));
  }

  /** See RunTimer#onTimeout: what try {@code tryNumber} of task {@code i} says at its timeout. */
  void timeoutDetail(int i, int tryNumber, Supplier<String> detail) {
    synchronized (lock) {
      machine.timeoutDetail(i, tryNumber, detail);
    }
  }

  /** Try {@code tryNumber} of task {@code i} timed out (on the timer's thread). */
  void timedOut(int i, int tryNumber) {
    Supplier<String> words;
    synchronized (lock) {
      words = machine.timeoutDetail(i, tryNumber);
    }
    // The operator's words (such as a command's stderr) are asked for outside the lock.
    String detail = DefaultTaskContext.timeoutDetail(words);
    afterSection(i, locked(() -> machine.timedOut(i, tryNumber, detail)));
    bodies.check();
  }

  /**
   * Cancels the run (Ctrl-C, SIGTERM): running tries fail, nothing new starts. Done on a thread of
   * its own, so that a caller holding the store's lock (a store listener) cannot deadlock with the
   * engine, which takes its lock before the store's; {@link #result()} tells when the run ended.
   */
  void cancel() {
    Thread canceller =
        new Thread(() -> afterSection(0, locked(machine::cancel)), "processflow-cancel-" + runId);
    canceller.setDaemon(true);
    canceller.start();
  }

  // ---- launching (outside the lock) ----

  /** Hands a section's tries to the launcher (see takeStartable). */
  private void launch(int first) {
    for (int i = first; i != END; ) {
      int next = links.next(i);
      handOut(i);
      i = next;
    }
  }

  private void handOut(int i) {
    int tryNumber = machine.nextTry(i);
    try {
      launcher.launch(new EngineTry(this, i, tryNumber));
    } catch (RuntimeException | Error e) { // rejected, or any other failure to hand it over
      report(i, tryNumber, null, e);
    }
  }

  // ---- the end ----

  /**
   * Logs the end and completes the run's future, outside the lock, so that no caller callback runs
   * under it and the end is logged after the last task's own lines.
   */
  private void completeResult() {
    RunResult done = machine.outcome();
    if (done != null && announced.compareAndSet(false, true)) {
      RunLog.finished(dag.dagId(), runId, done.state());
      result.complete(done);
      bodies.check();
      if (watched) {
        PaceWatch.ended(this); // forgotten now, rather than at a stall time's end
      }
    }
  }

  /** The one abort path: the store rejected a transition, so the run cannot go on recording. */
  private void abort(Throwable e) {
    machine.abort();
    RunLog.aborted(dag.dagId(), runId, e);
    result.completeExceptionally(RunLog.abortedError(dag.dagId(), runId, e));
    bodies.check();
  }
}
