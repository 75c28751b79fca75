package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Store;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.store.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one DAG.
 *
 * <p>Readiness is by counters: each task holds the number of its upstream tasks that have not
 * ended, and a task that ends decrements its downstream tasks' counters, so a run costs O(tasks +
 * edges) with no scans. The scheduling bookkeeping (counters, ready queue, active count) and the
 * transitions it dispatches sit under one short lock; task bodies always run outside it, on the
 * executor, and an asynchronous task's completion re-enters from whatever thread completes it. The
 * store serialises dispatches anyway, so the lock costs no parallelism; it keeps each task's
 * transitions in order without a second pass.
 */
final class RunExecution {
  private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

  private final DagDefinition dag;
  private final String runId;
  private final Instant logicalDate;
  private final Map<String, Object> params;
  private final Executor executor;
  private final Clock clock;
  private final int maxActive;
  private final Store<RunState> store;
  private final CompletableFuture<RunResult> result = new CompletableFuture<>();

  /** Guards the scheduling state; a monitor, whose adaptive spinning suits these short sections. */
  private final Object lock = new Object();
  // Guarded by lock.
  private final int[][] downstream;
  private final int[] pendingUpstream;
  private final boolean[] upstreamFailed;
  private final int[] ready;
  private int readyHead;
  private int readyTail;
  private final int[] failedWork;
  private int active;
  private int ended;
  private boolean failed;
  private boolean finished;
  private volatile RunResult outcome;

  RunExecution(
      DagDefinition dag,
      String runId,
      Instant logicalDate,
      Map<String, Object> params,
      Executor executor,
      Clock clock,
      int maxActive,
      RunConfig config) {
    this.dag = dag;
    this.runId = runId;
    this.logicalDate = logicalDate;
    this.params = params;
    this.executor = executor;
    this.clock = clock;
    this.maxActive = maxActive;
    int n = dag.taskCount();
    this.downstream = new int[n][];
    this.pendingUpstream = new int[n];
    for (int i = 0; i < n; i++) {
      downstream[i] = dag.downstreamOf(i);
      pendingUpstream[i] = dag.upstreamOf(i).length;
    }
    this.upstreamFailed = new boolean[n];
    this.ready = new int[n];
    this.failedWork = new int[n];
    RunState initial =
        RunStateImpl.initial(
            dag.dagId(), runId, dag.taskIds(), indexOf(dag), dag.appInitialState());
    this.store = Stores.create(new RunReducer(dag.appReducer()), initial, config.middleware());
  }

  private static Map<String, Integer> indexOf(DagDefinition dag) {
    Map<String, Integer> index = new java.util.HashMap<>(dag.taskCount() * 2);
    for (TaskDefinition task : dag.tasks()) {
      index.put(task.taskId(), task.index());
    }
    return index;
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

  CompletableFuture<RunResult> start() {
    int[] toStart;
    synchronized (lock) {
      try {
        store.dispatch(
            new DagRunStatusUpdate(runId, dag.dagId(), clock.instant(), DagRunState.RUNNING));
        for (int i = 0; i < pendingUpstream.length; i++) {
          if (pendingUpstream[i] == 0) {
            schedule(i);
          }
        }
        finishIfDone();
        toStart = takeStartable();
      } catch (RuntimeException | Error e) {
        abort(e);
        return result;
      }
    }
    completeResult();
    launch(toStart);
    return result;
  }

  private void schedule(int i) {
    transition(i, TaskState.SCHEDULED, 1, null, null);
    ready[readyTail++] = i;
  }

  /** Moves ready tasks into free slots (queued); returns them for launching outside the lock. */
  private int[] takeStartable() {
    int free = Math.min(maxActive - active, readyTail - readyHead);
    if (free <= 0 || finished) {
      return null;
    }
    int[] started = new int[free];
    for (int k = 0; k < free; k++) {
      int i = ready[readyHead++];
      active++;
      transition(i, TaskState.QUEUED, 1, null, null);
      if (log.isInfoEnabled()) {
        log.info("adding to the queue {}", dag.tasks().get(i).taskId());
      }
      started[k] = i;
    }
    return started;
  }

  /** Hands {@code tasks} to the executor. */
  private void launch(int[] tasks) {
    if (tasks != null) {
      for (int i : tasks) {
        submit(i);
      }
    }
  }

  private void submit(int i) {
    try {
      executor.execute(() -> runOnWorker(i));
    } catch (RejectedExecutionException e) {
      launch(complete(i, null, e));
    }
  }

  /**
   * Runs task {@code i} on an executor thread, then keeps this thread busy with one of the tasks
   * its completion made startable instead of handing it to another thread and going idle: a chain
   * then runs on one thread without a wake-up per task (RuntimeBench, chain shape).
   */
  private void runOnWorker(int i) {
    int next = i;
    while (next >= 0) {
      int[] toStart = runTask(next);
      next = -1;
      if (toStart != null && toStart.length > 0) {
        for (int k = 0; k < toStart.length - 1; k++) {
          submit(toStart[k]);
        }
        next = toStart[toStart.length - 1];
      }
    }
  }

  /** Runs one task; returns the tasks its completion made startable (null for an async task). */
  private int[] runTask(int i) {
    TaskDefinition task = dag.tasks().get(i);
    Object output;
    try {
      transition(i, TaskState.RUNNING, 1, null, null);
      output = task.operator().execute(new DefaultTaskContext(this, task.taskId(), 1));
    } catch (Throwable t) {
      return complete(i, null, t);
    }
    if (output instanceof CompletionStage<?> stage) {
      // Asynchronous: the task keeps its slot but no thread until the stage completes. Whatever
      // thread completes it only records the end; tasks it makes startable go to the executor.
      stage.whenComplete((value, error) -> launch(complete(i, value, unwrap(error))));
      return null;
    }
    return complete(i, output, null);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * A task ended: record it, update its downstream counters, and return the tasks that can start
   * now, for the caller to launch outside the lock.
   */
  private int[] complete(int i, Object output, Throwable error) {
    int[] toStart;
    synchronized (lock) {
      if (finished) {
        return null;
      }
      try {
        active--;
        TaskDefinition task = dag.tasks().get(i);
        boolean hardFailure = false;
        if (error == null) {
          transition(i, TaskState.SUCCESS, 1, null, output);
          if (log.isInfoEnabled()) {
            log.info("processed {}", task.taskId());
          }
        } else {
          hardFailure = !task.allowToFail();
          transition(i, TaskState.FAILED, 1, TaskError.of(error), null);
          if (hardFailure) {
            log.error("task {} failed", task.taskId(), error);
          } else {
            log.warn("task {} failed (allowed to fail)", task.taskId(), error);
          }
        }
        ended++;
        release(i, hardFailure);
        finishIfDone();
        toStart = takeStartable();
      } catch (RuntimeException | Error e) {
        abort(e);
        return null;
      }
    }
    completeResult();
    return toStart;
  }

  /** Completes the run's future outside the lock, so no caller callback runs under it. */
  private void completeResult() {
    RunResult done = outcome;
    if (done != null) {
      result.complete(done);
    }
  }

  /**
   * Decrements the counters downstream of {@code ended}; a task whose counter reaches zero is
   * scheduled, or becomes upstream_failed if an upstream failed, which propagates (iteratively, so a
   * long chain cannot overflow the stack).
   */
  private void release(int endedTask, boolean hardFailure) {
    if (hardFailure) {
      failed = true;
    }
    int work = 0;
    failedWork[work++] = endedTask;
    boolean first = true;
    while (work > 0) {
      int u = failedWork[--work];
      boolean propagateFailure = first ? hardFailure : true;
      first = false;
      for (int d : downstream[u]) {
        if (propagateFailure) {
          upstreamFailed[d] = true;
        }
        if (--pendingUpstream[d] == 0) {
          if (upstreamFailed[d]) {
            transition(d, TaskState.UPSTREAM_FAILED, 0, null, null);
            ended++;
            failedWork[work++] = d;
          } else {
            schedule(d);
          }
        }
      }
    }
  }

  private void finishIfDone() {
    if (ended == pendingUpstream.length && active == 0 && !finished) {
      finished = true;
      DagRunState end = failed ? DagRunState.FAILED : DagRunState.SUCCESS;
      store.dispatch(new DagRunStatusUpdate(runId, dag.dagId(), clock.instant(), end));
      log.info("dag {} run {} finished: {}", dag.dagId(), runId, end);
      this.outcome = new RunResult(store.getState());
    }
  }

  private void abort(Throwable e) {
    finished = true;
    log.error("dag {} run {} aborted: the runtime could not record a transition", dag.dagId(), runId, e);
    result.completeExceptionally(
        new IllegalStateException(
            "Run " + runId + " of DAG '" + dag.dagId() + "' aborted: the store rejected a "
                + "transition (" + e + "). Check the DAG's reducer and the run's middleware.",
            e));
  }

  private void transition(int i, TaskState state, int tryNumber, TaskError error, Object output) {
    store.dispatch(
        new TaskStatusUpdate(
            runId, dag.tasks().get(i).taskId(), clock.instant(), state, tryNumber, error, output));
  }
}
