package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Store;
import io.processflow.runtime.internal.store.UnobservedChanges;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * Records a run's transitions as actions in its store, every one of a locked section at the
 * section's one instant (read once per section: RuntimeBench). A store that rejects an action
 * throws, and the run aborts (see RunExecution#abort).
 *
 * <p>When nothing but the run's own reducer would see a task's transition (no middleware, no DAG
 * reducer), the store applies it without the action object ({@link UnobservedChanges}): the same
 * state, the same listener calls, 40 bytes less per transition. A user who replaces the store's
 * reducer during the run gets actions again from then on.
 */
final class Transitions {
  private final Store<RunState> store;
  private final RunReducer reducer;
  private final String runId;
  private final String dagId;
  private final List<String> taskIds;
  private Instant now;

  /** The store, when it may apply task transitions without actions; else null. */
  private UnobservedChanges<RunState> unobserved;

  // The transition applyOne applies without its action: written and read under the lock.
  private int changedTask;
  private TaskState changedTo;
  private int changedTry;
  private TaskError changedError;
  private Object changedOutput;

  // The tasks being scheduled without actions (see scheduled), and the change for each in turn.
  private IntSupplier waiting;
  private int[] waitingTries;
  private final UnaryOperator<RunState> oneChange = this::applyOne;
  private final UnaryOperator<RunState> nextScheduled = this::applyNextScheduled;

  Transitions(
      Store<RunState> store, RunReducer reducer, String runId, String dagId, List<String> taskIds) {
    this.store = store;
    this.reducer = reducer;
    this.runId = runId;
    this.dagId = dagId;
    this.taskIds = taskIds;
    this.unobserved = reducer.seesActionsAlone() ? UnobservedChanges.of(store) : null;
  }

  /** A locked section starts at {@code time}. */
  void at(Instant time) {
    now = time;
  }

  /** Task {@code i} moves to {@code state}. */
  void task(int i, TaskState state, int tryNumber, TaskError error, Object output) {
    changedTask = i;
    changedTo = state;
    changedTry = tryNumber;
    changedError = error;
    changedOutput = output;
    if (appliedWithoutActions(oneChange, 1)) {
      return;
    }
    reducer.expect(i);
    store.dispatch(
        new TaskStatusUpdate(runId, taskIds.get(i), now, state, tryNumber, error, output));
  }

  /**
   * The {@code count} tasks that {@code tasks} gives, in turn, move to {@code scheduled} for their
   * next try (after {@code tries}): one transition each, as {@link #task} records them, under one
   * hold of the store's lock when they go without actions (a fan's root makes thousands at once).
   */
  void scheduled(int count, IntSupplier tasks, int[] tries) {
    waiting = tasks;
    waitingTries = tries;
    if (appliedWithoutActions(nextScheduled, count)) {
      return;
    }
    for (int k = 0; k < count; k++) {
      int i = tasks.getAsInt();
      task(i, TaskState.SCHEDULED, tries[i] + 1, null, null);
    }
  }

  /** The next transition {@link #scheduled} hands the store, applied as the run's reducer would. */
  private RunState applyNextScheduled(RunState state) {
    int i = waiting.getAsInt();
    return reducer.reduceTask(state, i, TaskState.SCHEDULED, waitingTries[i] + 1, null, null, now);
  }

  /**
   * True when the store applied {@code change} {@code count} times without actions; false when the
   * caller must dispatch them: the store takes no such changes, the section has no instant (the
   * action refuses it, as it always did), or the reducer was replaced (nothing was applied, and its
   * replacement gets actions from now on).
   */
  private boolean appliedWithoutActions(UnaryOperator<RunState> change, int count) {
    if (unobserved == null || now == null) {
      return false;
    }
    if (unobserved.applyUnobserved(reducer, change, count)) {
      return true;
    }
    unobserved = null;
    return false;
  }

  /** The transition {@link #task} hands the store, applied as the run's reducer would. */
  private RunState applyOne(RunState state) {
    return reducer.reduceTask(
        state, changedTask, changedTo, changedTry, changedError, changedOutput, now);
  }

  /** A recorded task the DAG no longer has (resuming). */
  void removed(String taskId, int tryNumber) {
    store.dispatch(
        new TaskStatusUpdate(runId, taskId, now, TaskState.REMOVED, tryNumber, null, null));
  }

  /** The run moves to {@code state}. */
  void run(DagRunState state) {
    store.dispatch(new DagRunStatusUpdate(runId, dagId, now, state));
  }

  /** The store's state now. */
  RunState state() {
    return store.getState();
  }
}
