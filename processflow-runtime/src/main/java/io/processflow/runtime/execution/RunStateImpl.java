package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.dsl.DagDefinition;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's immutable state, itself a version of a {@link PersistentArray} of task slots (see
 * {@link TaskSlot}). What changes twice per run (the run's own state and dates) and what never
 * changes (ids, the task index) sit in shared objects, so a task transition allocates this one
 * small node and, at the end of a try, a small slot record (RuntimeBench, bytes per task).
 */
final class RunStateImpl extends PersistentArray<Object, RunStateImpl> implements RunState {
  /** What never changes during a run. */
  private record Info(String dagId, String runId, Map<String, Integer> index, List<String> ids) {}

  /** The run's own state and dates. */
  private record Status(DagRunState state, Instant startDate, Instant endDate) {}

  private final Info info;
  private final Status status;
  private final Object appState;

  private RunStateImpl(Info info, Status status, Object appState, Object[] slots) {
    super(slots);
    this.info = info;
    this.status = status;
    this.appState = appState;
  }

  @Override
  protected RunStateImpl newer(Object[] slots) {
    return new RunStateImpl(info, status, appState, slots);
  }

  /**
   * A queued run of {@code dag} whose tasks are all in state {@code none}, followed by
   * {@code removedTaskIds}: tasks a recorded run had that the DAG no longer has.
   */
  static RunStateImpl initial(DagDefinition dag, String runId, List<String> removedTaskIds) {
    if (removedTaskIds.isEmpty()) {
      return initial(dag.dagId(), runId, dag.taskIds(), dag.taskIndex(), dag.appInitialState());
    }
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
    // A task that has not been scheduled is just its id (see TaskSlot): nothing to allocate per task.
    return new RunStateImpl(
        new Info(dagId, runId, index, List.copyOf(taskIds)),
        new Status(DagRunState.QUEUED, null, null),
        appState,
        taskIds.toArray());
  }

  @Override
  public String dagId() {
    return info.dagId();
  }

  @Override
  public String runId() {
    return info.runId();
  }

  @Override
  public DagRunState state() {
    return status.state();
  }

  @Override
  public Instant startDate() {
    return status.startDate();
  }

  @Override
  public Instant endDate() {
    return status.endDate();
  }

  /**
   * The index of {@code taskId}, trying {@code hint} first: the runtime knows the index of the task
   * whose transition it dispatches, and one identity check on it replaces a hash lookup whose
   * scattered nodes were the hottest spot of large runs (RuntimeBench, layered 100k).
   */
  int indexOf(String taskId, int hint) {
    List<String> ids = info.ids();
    return hint >= 0 && hint < ids.size() && ids.get(hint) == taskId ? hint : indexOf(taskId);
  }

  int indexOf(String taskId) {
    Integer i = info.index().get(taskId);
    if (i == null) {
      throw new IllegalArgumentException(
          "DAG '" + dagId() + "' has no task '" + taskId + "'; its tasks are " + info.index().keySet());
    }
    return i;
  }

  @Override
  public TaskInstance task(String taskId) {
    return TaskSlot.instance(get(indexOf(taskId)));
  }

  TaskInstance task(int i) {
    return TaskSlot.instance(get(i));
  }

  /** The output of task {@code i}, without building its TaskInstance. */
  Object output(int i) {
    return TaskSlot.output(get(i));
  }

  @Override
  public List<TaskInstance> tasks() {
    return new AbstractList<>() {
      @Override
      public TaskInstance get(int i) {
        return TaskSlot.instance(RunStateImpl.this.get(i));
      }

      @Override
      public int size() {
        return RunStateImpl.this.size();
      }
    };
  }

  @Override
  public Object appState() {
    return appState;
  }

  /** This state after {@code update} of task {@code i}. */
  RunStateImpl withUpdate(int i, TaskStatusUpdate update) {
    return set(i, TaskSlot.next(get(i), update));
  }

  RunStateImpl withTask(int i, TaskInstance instance) {
    return set(i, instance);
  }

  RunStateImpl withRunState(DagRunState nextState, Instant at) {
    Instant start = nextState == DagRunState.RUNNING ? at : status.startDate();
    Instant end = nextState.isTerminal() ? at : status.endDate();
    Status next = new Status(nextState, start, end);
    return moveTo(slots -> new RunStateImpl(info, next, appState, slots));
  }

  RunStateImpl withAppState(Object nextAppState) {
    return nextAppState == appState
        ? this
        : moveTo(slots -> new RunStateImpl(info, status, nextAppState, slots));
  }

  @Override
  public String toString() {
    return "RunState[" + dagId() + "/" + runId() + ", " + state() + ", " + size() + " tasks]";
  }
}
