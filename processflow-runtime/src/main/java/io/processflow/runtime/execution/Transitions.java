package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Store;
import java.time.Instant;
import java.util.List;

/**
 * Records a run's transitions as actions in its store, every one of a locked section at the
 * section's one instant (read once per section: RuntimeBench). A store that rejects an action
 * throws, and the run aborts (see RunExecution#abort).
 */
final class Transitions {
  private final Store<RunState> store;
  private final RunReducer reducer;
  private final String runId;
  private final String dagId;
  private final List<String> taskIds;
  private Instant now;

  Transitions(
      Store<RunState> store, RunReducer reducer, String runId, String dagId, List<String> taskIds) {
    this.store = store;
    this.reducer = reducer;
    this.runId = runId;
    this.dagId = dagId;
    this.taskIds = taskIds;
  }

  /** A locked section starts at {@code time}. */
  void at(Instant time) {
    now = time;
  }

  /** Task {@code i} moves to {@code state}. */
  void task(int i, TaskState state, int tryNumber, TaskError error, Object output) {
    reducer.expect(i);
    store.dispatch(
        new TaskStatusUpdate(runId, taskIds.get(i), now, state, tryNumber, error, output));
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
