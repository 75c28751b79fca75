package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.TaskColumns.Header;
import io.processflow.runtime.execution.TaskColumns.Info;
import io.processflow.runtime.internal.dag.DagIndex;
import io.processflow.runtime.internal.store.SharedOnRead;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run's state, immutable once anyone has it: one version of a version-diff persistent structure
 * (Baker's trick) over {@link TaskColumns}. The newest version owns the columns; when it changes,
 * it turns into a diff holding the old values of the one task (or the header) that changed, and the
 * new version takes the columns. Reading the newest version is O(1); reading a version k changes
 * old walks k diffs (the runtime and {@link RunResult} read only the newest).
 *
 * <p>Cost: a change of a version that no one but its store has seen is made in place, with no new
 * version (see {@link SharedOnRead} and {@link #changesInPlace}): a run that no one reads until it
 * ends makes none. Otherwise a transition allocates one version, 56 bytes with compressed
 * references, which dies young; a task that has ended keeps nothing alive but its output and error
 * (see {@link TaskColumns}, 29 bytes per task allocated once). The per-task slots this replaced
 * kept the last action, a record of the try and an {@link Instant} per task, and young GCs copying
 * them were a third of an end-to-end run at 100,000 tasks.
 *
 * <p>Thread safety: one writer (the store, under its lock) and any number of readers of any
 * version, without locks, as a seqlock over each version's {@code link}:
 *
 * <ol>
 *   <li>The writer moving version v on writes v's diff fields (the old values), publishes them by a
 *       release write of v's link to the newer version, then a store-store fence, and only then
 *       writes the columns.
 *   <li>A reader of v reads v's link (acquire). If it is the columns, the reader reads the fields
 *       it needs plainly, then an acquire fence, then v's link again: if v still owns the columns,
 *       no column write of a later transition can have been seen (each is ordered after v's link
 *       change by the writer's fence, and the re-read after the reads by the reader's), so the
 *       values are v's; otherwise it starts over, now through v's diff. A diff is read only after
 *       the acquire read that found it, so its fields are v's old values, complete.
 * </ol>
 *
 * This is {@link java.util.concurrent.locks.StampedLock#validate}'s idiom, with the link in the
 * stamp's place. A read may see a torn or newer value only in a pass that the re-check then throws
 * away, so readers never see a version change (RunStateStressTest).
 */
final class RunStateImpl implements RunState, SharedOnRead {
  private static final VarHandle LINK;

  /**
   * {@link #holder}, for the one read outside the store's lock ({@link #isShared}): an acquire of a
   * release, so that a reader that finds a version shared also sees every change made to it in
   * place before.
   */
  private static final VarHandle HOLDER;

  static {
    try {
      LINK = MethodHandles.lookup().findVarHandle(RunStateImpl.class, "link", Object.class);
      HOLDER = MethodHandles.lookup().findVarHandle(RunStateImpl.class, "holder", byte.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The state ordinal's bits in {@link #diffAt}: the index takes the rest. */
  private static final int STATE_BITS = 4;

  private static final int STATE_MASK = (1 << STATE_BITS) - 1;

  /** Task indexes fit beside a state ordinal in one int. */
  static final int MAX_TASKS = Integer.MAX_VALUE >> STATE_BITS;

  /** {@link #diffAt} of a diff of the header. */
  private static final int HEADER = -1;

  /** The columns while this is the newest version; the newer version once it is a diff. */
  @SuppressWarnings("unused") // accessed through LINK
  private Object link;

  // The old values, valid once link is a version (published by the release write of link).
  /** The changed task's index shifted by STATE_BITS, or'ed with its old state; or HEADER. */
  private int diffAt;

  private int diffTry;
  private long diffStart;
  private long diffEnd;
  private TaskError diffError;

  /** The task's old output, or the old {@link Header}. */
  private Object diffOutput;

  /** Who has this version: {@link #MADE}, {@link #HELD} or {@link #SHARED}; never goes back. */
  private byte holder;

  /** Made by a reducer, and not (yet) kept by a store: never changes (as every Redux state). */
  private static final byte MADE = 0;

  /**
   * Kept by one store and given to no one else (see {@link SharedOnRead}): while no version over
   * its columns was given out either, a change of this newest version is made in place.
   */
  private static final byte HELD = 1;

  /** Given out (or kept by a store as it was given out): never changes again. */
  private static final byte SHARED = 2;

  /**
   * A version owning {@code columns}. Published to readers by the writer's release of the older
   * version's link, or by whatever hands this version to another thread.
   */
  private RunStateImpl(TaskColumns columns) {
    LINK.set(this, columns);
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
    if (taskIds.size() > MAX_TASKS) {
      throw new IllegalArgumentException(
          "DAG '" + dagId + "' has " + taskIds.size() + " tasks; a run holds at most " + MAX_TASKS);
    }
    Info info = new Info(dagId, runId, index, List.copyOf(taskIds));
    return new RunStateImpl(
        new TaskColumns(info, new Header(DagRunState.QUEUED, null, null, appState)));
  }

  /** The columns of the newest version: this one's, or at the end of its diffs. */
  private TaskColumns columns() {
    Object link = LINK.getAcquire(this);
    while (!(link instanceof TaskColumns columns)) {
      link = LINK.getAcquire((RunStateImpl) link);
    }
    return columns;
  }

  private Info info() {
    return columns().info; // final, the same in every version
  }

  private Header header() {
    RunStateImpl version = this;
    while (true) {
      Object link = LINK.getAcquire(version);
      if (link instanceof TaskColumns columns) {
        Header header = columns.header;
        VarHandle.acquireFence();
        if (LINK.getAcquire(version) == columns) {
          return header;
        }
        continue; // the version became a diff meanwhile: read it again through its diff
      }
      if (version.diffAt == HEADER) {
        return (Header) version.diffOutput;
      }
      version = (RunStateImpl) link;
    }
  }

  /** The number of tasks. */
  int size() {
    return info().ids().size();
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

  /** The index of {@code taskId}, trying {@code hint} first (see TaskColumns.Info#indexOf). */
  int indexOf(String taskId, int hint) {
    return info().indexOf(taskId, hint);
  }

  int indexOf(String taskId) {
    return info().indexOf(taskId, -1);
  }

  @Override
  public TaskInstance task(String taskId) {
    return task(indexOf(taskId));
  }

  /** Task {@code i}'s instance (an index out of range throws IndexOutOfBoundsException). */
  TaskInstance task(int i) {
    RunStateImpl version = this;
    while (true) {
      Object link = LINK.getAcquire(version);
      if (link instanceof TaskColumns c) {
        byte state = c.states[i];
        int tryNumber = c.tries[i];
        long start = c.starts[i];
        long end = c.ends[i];
        TaskError error = c.errors[i];
        Object output = c.outputs[i];
        VarHandle.acquireFence();
        if (LINK.getAcquire(version) == c) {
          return TaskColumns.instance(
              c.info.ids().get(i), state, tryNumber, start, end, error, output);
        }
        continue;
      }
      if (version.diffAt != HEADER && version.diffAt >>> STATE_BITS == i) {
        return TaskColumns.instance(
            info().ids().get(i),
            (byte) (version.diffAt & STATE_MASK),
            version.diffTry,
            version.diffStart,
            version.diffEnd,
            version.diffError,
            version.diffOutput);
      }
      version = (RunStateImpl) link;
    }
  }

  /** The output of task {@code i}, without building its TaskInstance. */
  Object output(int i) {
    RunStateImpl version = this;
    while (true) {
      Object link = LINK.getAcquire(version);
      if (link instanceof TaskColumns c) {
        Object output = c.outputs[i];
        VarHandle.acquireFence();
        if (LINK.getAcquire(version) == c) {
          return output;
        }
        continue;
      }
      if (version.diffAt != HEADER && version.diffAt >>> STATE_BITS == i) {
        return version.diffOutput;
      }
      version = (RunStateImpl) link;
    }
  }

  /**
   * The newest version's columns: the same arrays for the whole run, since the runtime only ever
   * changes the newest version (see {@link #branch}). Read without this class's protocol only where
   * no column can change meanwhile: by the run's engine under the run's lock, where task columns
   * change (a resume reads every task's state, try and output); or an output entry, final once its
   * task has ended, by a thread that the task's end happened before (see EngineTry#xcomPull).
   */
  TaskColumns newestColumns() {
    return columns();
  }

  @Override
  public List<TaskInstance> tasks() {
    return new AbstractList<>() {
      @Override
      public TaskInstance get(int i) {
        return task(Objects.checkIndex(i, size()));
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

  /** This state after {@code update} of task {@code i} (see {@link #withTask}). */
  RunStateImpl withUpdate(int i, TaskStatusUpdate update) {
    return withTask(
        i, update.state(), update.tryNumber(), update.error(), update.output(), update.timestamp());
  }

  /**
   * This state after task {@code i} changed to {@code state} at {@code at}, in try {@code
   * tryNumber}, with that {@code error} and {@code output}: a new version, or this one changed in
   * place when no one else has it or an older one ({@link #changesInPlace}).
   */
  RunStateImpl withTask(
      int i, TaskState state, int tryNumber, TaskError error, Object output, Instant at) {
    if (!(LINK.get(this) instanceof TaskColumns c)) {
      return branch().withTask(i, state, tryNumber, error, output, at);
    }
    Objects.checkIndex(i, c.size());
    long date = c.dateOf(i, state, at); // may throw: before this version changes
    if (changesInPlace(c)) {
      c.apply(i, state, tryNumber, error, output, date);
      return this;
    }
    RunStateImpl newer = new RunStateImpl(c);
    c.givenOut = true; // this version, which someone may have, now reads the columns through a diff
    diffAt = i << STATE_BITS | c.states[i];
    diffTry = c.tries[i];
    diffStart = c.starts[i];
    diffEnd = c.ends[i];
    diffError = c.errors[i];
    diffOutput = c.outputs[i];
    publish(newer);
    c.apply(i, state, tryNumber, error, output, date);
    return newer;
  }

  RunStateImpl withRunState(DagRunState nextState, Instant at) {
    Header h = header();
    Instant start = nextState == DagRunState.RUNNING ? at : h.startDate();
    Instant end = nextState.isTerminal() ? at : h.endDate();
    return withHeader(new Header(nextState, start, end, h.appState()));
  }

  RunStateImpl withAppState(Object nextAppState) {
    Header h = header();
    return nextAppState == h.appState()
        ? this
        : withHeader(new Header(h.state(), h.startDate(), h.endDate(), nextAppState));
  }

  private RunStateImpl withHeader(Header header) {
    if (!(LINK.get(this) instanceof TaskColumns c)) {
      return branch().withHeader(header);
    }
    if (changesInPlace(c)) {
      c.header = header;
      return this;
    }
    RunStateImpl newer = new RunStateImpl(c);
    c.givenOut = true;
    diffAt = HEADER;
    diffOutput = c.header;
    publish(newer);
    c.header = header;
    return newer;
  }

  /**
   * Whether a change of this newest version, over columns {@code c}, is made in place: one writer
   * has it alone ({@link #HELD}), and {@code c} were never given out: no version over them was
   * shared, and none that another may have (made outside a store, or shared) was ever turned into a
   * diff. So no one can read this version or an older one (whose diffs end at this one), and no one
   * can see that this version changed, nor tell it from a new one.
   */
  private boolean changesInPlace(TaskColumns c) {
    return holder == HELD && !c.givenOut;
  }

  /**
   * {@inheritDoc} Once a version over its columns was given out, no version over them changes in
   * place again, so this one counts as shared at once: reading it takes no lock.
   */
  @Override
  public void heldByStore() {
    if (holder == MADE) {
      if (columns().givenOut) {
        shared();
      } else {
        holder = HELD;
      }
    }
  }

  /**
   * {@link #heldByStore} for a version this thread just made and gave no one, before any store has
   * it: a run's initial state, which its replayed actions then change in place.
   */
  RunStateImpl held() {
    heldByStore();
    return this;
  }

  /**
   * Given out: this version never changes again, and neither does any version over the same columns
   * from now on (each change makes a new version, as the protocol above says).
   */
  @Override
  public void shared() {
    if (holder != SHARED) {
      columns().givenOut = true;
      HOLDER.setRelease(this, SHARED);
    }
  }

  @Override
  public boolean isShared() {
    return (byte) HOLDER.getAcquire(this) == SHARED;
  }

  /**
   * Step 1 of the protocol: the diff fields just written and then the newer version, before any
   * column changes.
   */
  private void publish(RunStateImpl newer) {
    LINK.setRelease(this, newer);
    VarHandle.storeStoreFence();
  }

  /**
   * A new newest version equal to this old one, owning columns of its own: a copy of the newest
   * columns with the diffs since this version undone, O(n + k). The runtime never sets an old
   * version; this version and the newer ones keep theirs.
   */
  private RunStateImpl branch() {
    List<RunStateImpl> diffs = new ArrayList<>();
    Object link = LINK.get(this);
    for (RunStateImpl v = this; !(link instanceof TaskColumns); link = LINK.get(v)) {
      diffs.add(v);
      v = (RunStateImpl) link;
    }
    TaskColumns copy = ((TaskColumns) link).copy();
    for (int k = diffs.size() - 1; k >= 0; k--) {
      RunStateImpl d = diffs.get(k); // the older the diff, the later it is undone
      if (d.diffAt == HEADER) {
        copy.header = (Header) d.diffOutput;
      } else {
        copy.put(
            d.diffAt >>> STATE_BITS,
            (byte) (d.diffAt & STATE_MASK),
            d.diffTry,
            d.diffStart,
            d.diffEnd,
            d.diffError,
            d.diffOutput);
      }
    }
    return new RunStateImpl(copy);
  }

  @Override
  public String toString() {
    return "RunState[" + dagId() + "/" + runId() + ", " + state() + ", " + size() + " tasks]";
  }
}
