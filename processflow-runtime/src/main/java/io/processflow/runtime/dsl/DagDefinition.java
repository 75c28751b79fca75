package io.processflow.runtime.dsl;

import io.processflow.api.TriggerRule;
import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.api.store.Reducer;
import io.processflow.runtime.schedule.CronDataIntervalTimetable;
import io.processflow.runtime.schedule.Timetable;
import io.processflow.runtime.schedule.TimeRestriction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated, immutable DAG: its tasks in declaration order and its edges. Built by
 * {@link DagBuilder#build()}; run by {@code DagRunner}.
 */
public final class DagDefinition {
  private final String dagId;
  private final String description;
  private final int maxActiveTasks;
  private final boolean failFast;
  private final List<ParamSpec> paramSpecs;
  private final Map<String, Object> params;
  private final List<TaskDefinition> tasks;
  private final Map<String, Integer> index;
  private final List<String> taskIds;
  /*
   * What a run reads per edge and per transition, flat: task i's downstream tasks are
   * downTargets[downStart[i] .. downStart[i + 1]), its upstream tasks likewise, and its trigger
   * rule sits in an array of its own. Walking jagged int[][] arrays and reading TaskDefinition
   * objects cost a cache miss each on large DAGs (RuntimeBench, layered 100k).
   */
  private final int[] upStart;
  private final int[] upSources;
  private final int[] downStart;
  private final int[] downTargets;
  private final TriggerRule[] triggerRules;
  private final Reducer<Object> appReducer;
  private final Object appInitialState;
  private final ScheduleSpec schedule;
  private final Timetable timetable;

  DagDefinition(
      String dagId,
      String description,
      int maxActiveTasks,
      boolean failFast,
      List<ParamSpec> paramSpecs,
      List<TaskDefinition> tasks,
      Map<String, Integer> index,
      int[][] upstream,
      int[][] downstream,
      Reducer<Object> appReducer,
      Object appInitialState,
      ScheduleSpec schedule,
      boolean cronDataIntervals) {
    this.dagId = dagId;
    this.description = description;
    this.maxActiveTasks = maxActiveTasks;
    this.failFast = failFast;
    this.paramSpecs = List.copyOf(paramSpecs);
    Map<String, Object> defaults = new java.util.LinkedHashMap<>();
    for (ParamSpec spec : paramSpecs) {
      defaults.put(spec.name(), spec.defaultValue());
    }
    this.params = java.util.Collections.unmodifiableMap(defaults);
    this.tasks = List.copyOf(tasks);
    this.index = Map.copyOf(index);
    List<String> ids = new ArrayList<>(tasks.size());
    for (TaskDefinition task : tasks) {
      ids.add(task.taskId());
    }
    this.taskIds = List.copyOf(ids);
    int n = tasks.size();
    this.upStart = offsets(upstream);
    this.upSources = flatten(upstream, upStart);
    this.downStart = offsets(downstream);
    this.downTargets = flatten(downstream, downStart);
    this.triggerRules = new TriggerRule[n];
    for (int i = 0; i < n; i++) {
      triggerRules[i] = tasks.get(i).triggerRule();
    }
    this.appReducer = appReducer;
    this.appInitialState = appInitialState;
    this.schedule = schedule;
    this.timetable =
        cronDataIntervals && schedule.kind() == ScheduleSpec.Kind.CRON
            ? new CronDataIntervalTimetable(schedule.cronExpression(), schedule.zone())
            : Timetable.of(schedule);
  }

  private static int[] offsets(int[][] adjacency) {
    int[] start = new int[adjacency.length + 1];
    for (int i = 0; i < adjacency.length; i++) {
      start[i + 1] = start[i] + adjacency[i].length;
    }
    return start;
  }

  private static int[] flatten(int[][] adjacency, int[] start) {
    int[] flat = new int[start[adjacency.length]];
    for (int i = 0; i < adjacency.length; i++) {
      System.arraycopy(adjacency[i], 0, flat, start[i], adjacency[i].length);
    }
    return flat;
  }

  public String dagId() {
    return dagId;
  }

  public String description() {
    return description;
  }

  /** The DAG's bound on tasks queued or running at once; 0 = the runner's default. */
  public int maxActiveTasks() {
    return maxActiveTasks;
  }

  /** True when the first failure stops the run (Airflow 3's {@code fail_fast}). */
  public boolean failFast() {
    return failFast;
  }

  /**
   * The declared params and their defaults (parsed to their types), in declaration order; a
   * required param's value is null.
   */
  public Map<String, Object> params() {
    return params;
  }

  /** The declared params with their types, defaults, enums, bounds and descriptions. */
  public List<ParamSpec> paramSpecs() {
    return paramSpecs;
  }

  /**
   * The params of a run: the declared defaults overridden by {@code overrides}, each parsed to its
   * param's type (from its text as {@code --param} gives it, or from a Java value) and checked
   * against its enums and bounds.
   *
   * @throws ParamValidationException naming every override the DAG does not declare (with the
   *     closest declared name), every value that does not fit, and every required param left out
   */
  public Map<String, Object> resolveParams(Map<String, ?> overrides) {
    return Params.resolve(dagId, paramSpecs, overrides);
  }

  /** Every task, in declaration order. */
  public List<TaskDefinition> tasks() {
    return tasks;
  }

  public int taskCount() {
    return tasks.size();
  }

  /** The task {@code taskId}. @throws IllegalArgumentException when there is none */
  public TaskDefinition task(String taskId) {
    return tasks.get(indexOf(taskId));
  }

  /** The index of {@code taskId}. @throws IllegalArgumentException when there is no such task */
  public int indexOf(String taskId) {
    Integer i = index.get(taskId);
    if (i == null) {
      throw new IllegalArgumentException(
          "DAG '" + dagId + "' has no task '" + taskId + "'; its tasks are " + taskIds());
    }
    return i;
  }

  /** True when the DAG has a task {@code taskId}. */
  public boolean hasTask(String taskId) {
    return index.containsKey(taskId);
  }

  /** The indexes of the tasks directly upstream of task {@code i} (a copy). */
  public int[] upstreamOf(int i) {
    return Arrays.copyOfRange(upSources, upStart[i], upStart[i + 1]);
  }

  /** The indexes of the tasks directly downstream of task {@code i} (a copy). */
  public int[] downstreamOf(int i) {
    return Arrays.copyOfRange(downTargets, downStart[i], downStart[i + 1]);
  }

  /** How many tasks are directly upstream of task {@code i}. */
  public int upstreamCount(int i) {
    return upStart[i + 1] - upStart[i];
  }

  /** How many tasks are directly downstream of task {@code i}. */
  public int downstreamCount(int i) {
    return downStart[i + 1] - downStart[i];
  }

  /**
   * The index of the {@code k}-th task directly downstream of task {@code i}: with
   * {@link #downstreamCount} the runtime walks edges without copying arrays per run.
   */
  public int downstream(int i, int k) {
    return downTargets[downStart[i] + Objects.checkIndex(k, downstreamCount(i))];
  }

  /** Task {@code i}'s trigger rule. */
  public TriggerRule triggerRule(int i) {
    return triggerRules[i];
  }

  /** The ids of the tasks directly upstream of {@code taskId}. */
  public List<String> upstreamIds(String taskId) {
    return ids(upstreamOf(indexOf(taskId)));
  }

  /** The ids of the tasks directly downstream of {@code taskId}. */
  public List<String> downstreamIds(String taskId) {
    return ids(downstreamOf(indexOf(taskId)));
  }

  private List<String> ids(int[] indexes) {
    List<String> ids = new ArrayList<>(indexes.length);
    for (int i : indexes) {
      ids.add(tasks.get(i).taskId());
    }
    return ids;
  }

  /** Every task id, in declaration order. */
  public List<String> taskIds() {
    return taskIds;
  }

  /** Every task's index by id (unmodifiable, shared by every run of this DAG). */
  public Map<String, Integer> taskIndex() {
    return index;
  }

  /** The DAG's own reducer, or {@code null}. */
  public Reducer<Object> appReducer() {
    return appReducer;
  }

  /** The initial state of the DAG's own reducer, or {@code null}. */
  public Object appInitialState() {
    return appInitialState;
  }

  /** The DAG's schedule attributes: schedule, bounds, catchup, {@code maxActiveRuns}, time zone. */
  public ScheduleSpec schedule() {
    return schedule;
  }

  /** When the DAG runs; {@link Timetable#canBeScheduled()} is false for manual runs only. */
  public Timetable timetable() {
    return timetable;
  }

  /** The DAG's bounds and catchup, as its timetable reads them. */
  public TimeRestriction timeRestriction() {
    return new TimeRestriction(schedule.start(), schedule.end(), schedule.catchup());
  }

  @Override
  public String toString() {
    return "Dag[" + dagId + ", " + tasks.size() + " tasks, edges " + downTargets.length + "]";
  }
}
