package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import java.time.Instant;
import java.util.AbstractList;
import io.processflow.runtime.dsl.DagDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The run's immutable state; task instances live in a {@link PersistentArray}. */
final class RunStateImpl implements RunState {
  private final String dagId;
  private final String runId;
  private final DagRunState state;
  private final Instant startDate;
  private final Instant endDate;
  private final Map<String, Integer> index;
  private final PersistentArray<TaskInstance> tasks;
  private final Object appState;

  private RunStateImpl(
      String dagId,
      String runId,
      DagRunState state,
      Instant startDate,
      Instant endDate,
      Map<String, Integer> index,
      PersistentArray<TaskInstance> tasks,
      Object appState) {
    this.dagId = dagId;
    this.runId = runId;
    this.state = state;
    this.startDate = startDate;
    this.endDate = endDate;
    this.index = index;
    this.tasks = tasks;
    this.appState = appState;
  }

  /**
   * A queued run of {@code dag} whose tasks are all in state {@code none}, followed by
   * {@code removedTaskIds}: tasks a recorded run had that the DAG no longer has.
   */
  static RunStateImpl initial(DagDefinition dag, String runId, List<String> removedTaskIds) {
    List<String> ids = new ArrayList<>(dag.taskIds());
    ids.addAll(removedTaskIds);
    Map<String, Integer> index = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    return initial(dag.dagId(), runId, ids, index, dag.appInitialState());
  }

  /** A queued run whose tasks are all in state {@code none}. */
  static RunStateImpl initial(
      String dagId, String runId, List<String> taskIds, Map<String, Integer> index, Object appState) {
    List<TaskInstance> instances = new ArrayList<>(taskIds.size());
    for (String id : taskIds) {
      instances.add(TaskInstance.initial(id));
    }
    return new RunStateImpl(
        dagId, runId, DagRunState.QUEUED, null, null, index, PersistentArray.of(instances), appState);
  }

  @Override
  public String dagId() {
    return dagId;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public DagRunState state() {
    return state;
  }

  @Override
  public Instant startDate() {
    return startDate;
  }

  @Override
  public Instant endDate() {
    return endDate;
  }

  int indexOf(String taskId) {
    Integer i = index.get(taskId);
    if (i == null) {
      throw new IllegalArgumentException(
          "DAG '" + dagId + "' has no task '" + taskId + "'; its tasks are " + index.keySet());
    }
    return i;
  }

  @Override
  public TaskInstance task(String taskId) {
    return tasks.get(indexOf(taskId));
  }

  TaskInstance task(int i) {
    return tasks.get(i);
  }

  @Override
  public List<TaskInstance> tasks() {
    return new AbstractList<>() {
      @Override
      public TaskInstance get(int i) {
        return tasks.get(i);
      }

      @Override
      public int size() {
        return tasks.size();
      }
    };
  }

  @Override
  public Object appState() {
    return appState;
  }

  RunStateImpl withTask(int i, TaskInstance instance) {
    PersistentArray<TaskInstance> next = tasks.set(i, instance);
    return next == tasks
        ? this
        : new RunStateImpl(dagId, runId, state, startDate, endDate, index, next, appState);
  }

  RunStateImpl withRunState(DagRunState nextState, Instant at) {
    Instant start = nextState == DagRunState.RUNNING ? at : startDate;
    Instant end = nextState.isTerminal() ? at : endDate;
    return new RunStateImpl(dagId, runId, nextState, start, end, index, tasks, appState);
  }

  RunStateImpl withAppState(Object nextAppState) {
    return nextAppState == appState
        ? this
        : new RunStateImpl(dagId, runId, state, startDate, endDate, index, tasks, nextAppState);
  }

  @Override
  public String toString() {
    return "RunState[" + dagId + "/" + runId + ", " + state + ", " + tasks.size() + " tasks]";
  }
}
