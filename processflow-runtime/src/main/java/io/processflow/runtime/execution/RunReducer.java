package io.processflow.runtime.execution;

import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Reducer;
import java.time.Instant;

/**
 * The run's reducer: hands every action to the DAG's own reducer (if any) for the app slice, then
 * applies this run's task and run transitions (in that order, so that an action the DAG's reducer
 * rejects changes nothing). Each task transition writes one task's columns of the run's state: in
 * place while only one writer has that state (the store, or the run replaying its log before the
 * store has it), else in a new 56-byte version (see {@link RunStateImpl}): O(1).
 */
final class RunReducer implements Reducer<RunState> {
  private final Reducer<Object> appReducer;

  /** The index of the task whose transition the runtime is dispatching, or -1 (see indexOf). */
  private int hint = -1;

  RunReducer(Reducer<Object> appReducer) {
    this.appReducer = appReducer;
  }

  /**
   * Tells the reducer which task the next transition is about. Only a hint, checked against the
   * action's task id: any other action, or a stale hint, takes the hash lookup.
   */
  void expect(int taskIndex) {
    hint = taskIndex;
  }

  /**
   * The state this reducer returned last and its run id: the store hands that state back with the
   * next action, whose run id is then known without reading the state's header (a hot spot of
   * RuntimeBench's profile: the newest version is often the other worker's, a cache miss).
   */
  private RunState returned;

  private String returnedRunId;

  @Override
  public RunState reduce(RunState current, Action action) {
    RunStateImpl state = (RunStateImpl) current;
    String runId = current == returned ? returnedRunId : state.runId();
    // The DAG's reducer first: the run's own change may be made in place (see RunStateImpl), and
    // an action the DAG's reducer rejects must leave the state as it was.
    Object app = null;
    if (appReducer != null) {
      app = appReducer.reduce(state.appState(), action);
      if (app == null) {
        throw new IllegalStateException(
            "The DAG's reducer returned null for action '"
                + action.type()
                + "'. To ignore an "
                + "action, you must explicitly return the previous state.");
      }
    }
    if (action instanceof TaskStatusUpdate update && update.runId().equals(runId)) {
      state = applyTask(state, update);
    } else if (action instanceof DagRunStatusUpdate update && update.runId().equals(runId)) {
      state = state.withRunState(update.state(), update.timestamp());
    }
    if (appReducer != null) {
      state = state.withAppState(app);
    }
    returned = state;
    returnedRunId = runId;
    return state;
  }

  private RunStateImpl applyTask(RunStateImpl state, TaskStatusUpdate update) {
    int i = state.indexOf(update.taskId(), hint);
    hint = i + 1; // actions replayed by a resume come in task order: the next one is likely next
    return state.withUpdate(i, update);
  }

  /**
   * True when this reducer sees actions alone: the DAG has no reducer of its own. The runtime may
   * then record its transitions without action objects (see Transitions).
   */
  boolean seesActionsAlone() {
    return appReducer == null;
  }

  /**
   * What {@link #reduce} makes of {@code current} and a {@link TaskStatusUpdate} of this run for
   * task {@code i}, without the action (see {@link #seesActionsAlone}).
   */
  RunState reduceTask(
      RunState current,
      int i,
      TaskState state,
      int tryNumber,
      TaskError error,
      Object output,
      Instant at) {
    String runId = current == returned ? returnedRunId : current.runId();
    RunStateImpl next = ((RunStateImpl) current).withTask(i, state, tryNumber, error, output, at);
    returned = next;
    returnedRunId = runId;
    return next;
  }
}
