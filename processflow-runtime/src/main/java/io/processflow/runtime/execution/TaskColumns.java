package io.processflow.runtime.execution;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The newest run state's data, one column per field of a {@link TaskInstance} and the run's {@link
 * Header}: what {@link RunStateImpl} versions. Columns of primitives mean a task that has ended
 * keeps nothing alive but its output and error: no action, no {@link Instant}, no record per task
 * survives the young generation (a heap histogram 90% through a 100k-task run held about three such
 * objects per task, which every young GC copied).
 *
 * <p>Dates are epoch nanoseconds in a {@code long}, {@link #NO_DATE} for none: they cover
 * 1677-09-21T00:12:44Z to 2262-04-11T23:47:16.854775807Z at the {@link Instant}'s full precision,
 * so a date reads back equal to the one recorded. A date outside that range is rejected with an
 * error naming the task and the date (see {@link #nanos}) instead of being stored wrong.
 *
 * <p>The fields are written only by the one writer: under {@link RunStateImpl}'s protocol, or in
 * place while no one else has a version over them. Readers go through {@link RunStateImpl}, except
 * the run's own engine (see RunStateImpl#newestColumns).
 */
final class TaskColumns {
  /** No date. Never the epoch nanos of an {@link Instant}: -2^63 needs second -9223372037. */
  static final long NO_DATE = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final TaskState[] STATES = TaskState.values();

  /** What never changes during a run. */
  record Info(String dagId, String runId, Map<String, Integer> index, List<String> ids) {
    /**
     * The index of {@code taskId}, trying {@code hint} first (-1: none): the runtime knows the
     * index of the task whose transition it dispatches (and a resume's actions come in task order),
     * and one check of it replaces a hash lookup whose scattered nodes were the hottest spot of
     * large runs (RuntimeBench, layered 100k).
     */
    int indexOf(String taskId, int hint) {
      if (hint >= 0 && hint < ids.size()) {
        String id = ids.get(hint);
        if (id == taskId || id.equals(taskId)) { // equal, not same: ids read back from a journal
          return hint;
        }
      }
      Integer i = index.get(taskId);
      if (i == null) {
        throw new IllegalArgumentException(
            "DAG '" + dagId + "' has no task '" + taskId + "'; its tasks are " + index.keySet());
      }
      return i;
    }
  }

  /** The run's own state and dates, and the app's state. */
  record Header(DagRunState state, Instant startDate, Instant endDate, Object appState) {}

  final Info info;
  final byte[] states;
  final int[] tries;

  /** When the current try started running, for a running task and at the end of a try. */
  final long[] starts;

  /** When the task ended: on terminal states and at the end of a try (up_for_retry too). */
  final long[] ends;

  final TaskError[] errors;
  final Object[] outputs;
  Header header;

  /**
   * Whether a version over these columns was given out (see RunStateImpl#shared), or one that
   * another may have became a diff: from then on every change makes a new version. Written and read
   * by the one writer (under the store's lock).
   */
  boolean givenOut;

  /** Columns of {@code info.ids().size()} tasks in state {@code none}. */
  TaskColumns(Info info, Header header) {
    this(
        info,
        header,
        new byte[info.ids().size()],
        new int[info.ids().size()],
        filled(info.ids().size()),
        filled(info.ids().size()),
        new TaskError[info.ids().size()],
        new Object[info.ids().size()]);
  }

  private TaskColumns(
      Info info,
      Header header,
      byte[] states,
      int[] tries,
      long[] starts,
      long[] ends,
      TaskError[] errors,
      Object[] outputs) {
    this.info = info;
    this.header = header;
    this.states = states;
    this.tries = tries;
    this.starts = starts;
    this.ends = ends;
    this.errors = errors;
    this.outputs = outputs;
  }

  private static long[] filled(int n) {
    long[] dates = new long[n];
    Arrays.fill(dates, NO_DATE);
    return dates;
  }

  /** A copy the caller owns (for setting an old version, see {@link RunStateImpl}). */
  TaskColumns copy() {
    return new TaskColumns(
        info,
        header,
        states.clone(),
        tries.clone(),
        starts.clone(),
        ends.clone(),
        errors.clone(),
        outputs.clone());
  }

  int size() {
    return states.length;
  }

  /** The state whose ordinal a state column holds. */
  static TaskState state(byte ordinal) {
    return STATES[ordinal];
  }

  /**
   * The date a change of task {@code i} to {@code state} at {@code at} records, in epoch nanos: its
   * instant when it starts a try running or ends one, or is terminal; {@link #NO_DATE} otherwise
   * (its instant is then not kept, whatever it is). Throws, before anything changed, for a date out
   * of range.
   */
  long dateOf(int i, TaskState state, Instant at) {
    return state == TaskState.RUNNING || endsTry(state) || state.isTerminal()
        ? nanos(at, state, i)
        : NO_DATE;
  }

  private static boolean endsTry(TaskState state) {
    return state == TaskState.SUCCESS
        || state == TaskState.FAILED
        || state == TaskState.UP_FOR_RETRY;
  }

  /**
   * Writes task {@code i}'s fields after it changed to {@code state} in try {@code tryNumber}, with
   * that {@code error} and {@code output}, at {@code date} (its {@link #dateOf}): it started
   * running at the date of a {@code running} change, and a try that ends ({@code success}, {@code
   * failed}, {@code up_for_retry}) keeps that start only if the {@code running} of the same try
   * came right before it; it ended at the date of a terminal change or of the end of a try.
   */
  void apply(int i, TaskState state, int tryNumber, TaskError error, Object output, long date) {
    long start = NO_DATE;
    if (state == TaskState.RUNNING) {
      start = date;
    } else if (endsTry(state)
        && states[i] == TaskState.RUNNING.ordinal()
        && tries[i] == tryNumber) {
      start = starts[i];
    }
    states[i] = (byte) state.ordinal();
    tries[i] = tryNumber;
    starts[i] = start;
    ends[i] = state == TaskState.RUNNING ? NO_DATE : date;
    errors[i] = error;
    outputs[i] = output;
  }

  /** Writes task {@code i}'s fields as they were (restoring a diff into a copy). */
  void put(int i, byte state, int tryNumber, long start, long end, TaskError error, Object output) {
    states[i] = state;
    tries[i] = tryNumber;
    starts[i] = start;
    ends[i] = end;
    errors[i] = error;
    outputs[i] = output;
  }

  /** The task instance that fields read under the protocol stand for. */
  static TaskInstance instance(
      String taskId,
      byte state,
      int tryNumber,
      long start,
      long end,
      TaskError error,
      Object output) {
    return new TaskInstance(
        taskId, STATES[state], tryNumber, instant(start), instant(end), error, output);
  }

  private static Instant instant(long nanos) {
    return nanos == NO_DATE
        ? null
        : Instant.ofEpochSecond(
            Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  /** {@code at} in epoch nanos, or a clear error if it has none. */
  private long nanos(Instant at, TaskState state, int i) {
    try {
      return Math.addExact(
          Math.multiplyExact(at.getEpochSecond(), NANOS_PER_SECOND), (long) at.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "Task '"
              + info.ids().get(i)
              + "' of run '"
              + info.runId()
              + "' changed to "
              + state
              + " at "
              + at
              + ", outside the dates a run's state can hold (1677-09-21T00:12:44Z to"
              + " 2262-04-11T23:47:16.854775807Z); check the clock that produced it, or the"
              + " recorded run being resumed",
          e);
    }
  }
}
