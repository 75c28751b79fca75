package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.internal.dag.DagIndex;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run's immutable state, itself a version of a {@link PersistentArray}: element {@code i} is
 * task {@code i}'s slot (see {@link TaskSlot}), and the last element is the run's {@link Header}
 * (its ids, its own state and dates, the app's state), which changes a few times per run. So a task
 * transition allocates one 24-byte version and, at the end of a try, a small slot record
 * (RuntimeBench, bytes per task). Reading the newest state is O(1); reading an old one walks the
 * versions since (the runtime and {@link RunResult} read only the newest).
 */
final class RunStateImpl extends PersistentArray<RunStateImpl> implements RunState {
  /** What never changes during a run. */
  private record Info(String dagId, String runId, Map<String, Integer> index, List<String> ids) {}

  /** The run's own state and dates, and the app's state: the last element. */
  private record Header(
      Info info, DagRunState state, Instant startDate, Instant endDate, Object appState) {}

  private RunStateImpl(Object[] backing) {
    super(backing);
  }

  @Override
  protected RunStateImpl newer(Object[] backing) {
    return new RunStateImpl(backing);
  }

  /**
   * A queued run of {@code dag} whose tasks are all in state {@code none}, followed by {@code
   * removedTaskIds}: tasks a recorded run had that the DAG no longer has.
   */
  static RunStateImpl initial(DagDefinition dag, String runId, List<String> removedTaskIds) {
    if (removedTaskIds.isEmpty()) {
      return initial(
          dag.dagId(), runId, dag.taskIds(), DagIndex.of(dag).taskIndex(), dag.appInitialState());
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
      String dagId,
      String runId,
      List<String> taskIds,
      Map<String, Integer> index,
      Object appState) {
    // A task that has not been scheduled is just its id (see TaskSlot): nothing to allocate per
    // task.
    int n = taskIds.size();
    Object[] backing = taskIds.toArray(new Object[n + 1]);
    backing[n] =
        new Header(
            new Info(dagId, runId, index, List.copyOf(taskIds)),
            DagRunState.QUEUED,
            null,
            null,
            appState);
    return new RunStateImpl(backing);
  }

  private Header header() {
    return (Header) get(length() - 1);
  }

  private Info info() {
    return header().info();
  }

  /** The number of tasks. */
  int size() {
    return length() - 1;
  }

  @Override
  public String dagId() {
    return info().dagId();
  }

  @Override
  public String runId() {
    return info().runId();
  }

  @Override
  public DagRunState state() {
    return header().state();
  }

  @Override
  public Instant startDate() {
    return header().startDate();
  }

  @Override
  public Instant endDate() {
    return header().endDate();
  }

  /**
   * The index of {@code taskId}, trying {@code hint} first: the runtime knows the index of the task
   * whose transition it dispatches, and one identity check on it replaces a hash lookup whose
   * scattered nodes were the hottest spot of large runs (RuntimeBench, layered 100k).
   */
  int indexOf(String taskId, int hint) {
    List<String> ids = info().ids();
    return hint >= 0 && hint < ids.size() && ids.get(hint) == taskId ? hint : indexOf(taskId);
  }

  int indexOf(String taskId) {
    Info info = info();
    Integer i = info.index().get(taskId);
    if (i == null) {
      throw new IllegalArgumentException(
          "DAG '"
              + dagId()
              + "' has no task '"
              + taskId
              + "'; its tasks are "
              + info.index().keySet());
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
        return TaskSlot.instance(RunStateImpl.this.get(Objects.checkIndex(i, size())));
      }

      @Override
      public int size() {
        return RunStateImpl.this.size();
      }
    };
  }

  @Override
  public Object appState() {
    return header().appState();
  }

  /** This state after {@code update} of task {@code i}. */
  RunStateImpl withUpdate(int i, TaskStatusUpdate update) {
    return set(i, TaskSlot.next(get(i), update));
  }

  RunStateImpl withRunState(DagRunState nextState, Instant at) {
    Header h = header();
    Instant start = nextState == DagRunState.RUNNING ? at : h.startDate();
    Instant end = nextState.isTerminal() ? at : h.endDate();
    return set(length() - 1, new Header(h.info(), nextState, start, end, h.appState()));
  }

  RunStateImpl withAppState(Object nextAppState) {
    Header h = header();
    return nextAppState == h.appState()
        ? this
        : set(
            length() - 1,
            new Header(h.info(), h.state(), h.startDate(), h.endDate(), nextAppState));
  }

  @Override
  public String toString() {
    return "RunState[" + dagId() + "/" + runId() + ", " + state() + ", " + size() + " tasks]";
  }
}
