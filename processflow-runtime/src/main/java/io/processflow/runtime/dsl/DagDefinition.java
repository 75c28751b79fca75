package io.processflow.runtime.dsl;

import io.processflow.api.TriggerRule;
import io.processflow.api.internal.graph.TaskGraph;
import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.api.store.Reducer;
import io.processflow.runtime.internal.dag.DagIndex;
import io.processflow.runtime.schedule.CronDataIntervalTimetable;
import io.processflow.runtime.schedule.TimeRestriction;
import io.processflow.runtime.schedule.Timetable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A validated, immutable DAG: its tasks in declaration order and its edges. Built by {@link
 * DagBuilder#build()}; run by {@code DagRunner}.
 */
public final class DagDefinition {
  private final String dagId;
  private final String description;
  private final int maxActiveTasks;
  private final boolean failFast;
  private final List<ParamSpec> paramSpecs;
  private final Map<String, Object> params;
  private final List<TaskDefinition> tasks;

  /** The task index by id: the validated graph's own (open addressing, no boxed indexes). */
  private final TaskGraph graph;

  private final Map<String, Integer> index;
  private final List<String> taskIds;

  /**
   * The ids as the graph holds them, for comparing by identity (see {@link
   * ByIndex#upstreamPosition}).
   */
  private final String[] ids;

  /**
   * Up to how many upstream tasks a task's {@code xcomPull} compares ids by identity before it asks
   * the index: a lookup by index was 13-30 ns at 10,000-100,000 tasks, the comparisons 8-11 (chain
   * and layered: every task's parents looked up, RuntimeBench's shapes); a join of many tasks goes
   * to the index directly.
   */
  private static final int UPSTREAM_COMPARED = 4;

  /*
   * What a run reads per edge and per transition, flat: task i's downstream tasks are
   * downTargets[downStart[i] .. downStart[i + 1]), its upstream tasks likewise, and its trigger
   * rule sits in an array of its own. Walking jagged int[][] arrays and reading TaskDefinition
   * objects cost a cache miss each on large DAGs (RuntimeBench, layered 100k). The arrays are the
   * ones the builder's validation made: nothing is copied or flattened here.
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
  private final DagIndex byIndex = new ByIndex();

  static {
    DagIndex.grant(dag -> dag.byIndex);
  }

  DagDefinition(
      String dagId,
      String description,
      int maxActiveTasks,
      boolean failFast,
      List<ParamSpec> paramSpecs,
      TaskDefinition[] tasks,
      TriggerRule[] triggerRules,
      TaskGraph graph,
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
    int n = tasks.length;
    this.tasks = Collections.unmodifiableList(Arrays.asList(tasks));
    this.graph = graph;
    this.index = new IndexMap();
    this.triggerRules = triggerRules;
    // One immutable list for every run: a run's state takes it as it is (List.copyOf of an
    // immutable list is a no-op). List.of copies the ids once; DagBuilder hands them in an array of
    // exactly n, so there is no trimming copy before it.
    this.ids = graph.ids();
    this.taskIds = List.of(ids.length == n ? ids : Arrays.copyOf(ids, n));
    this.upStart = graph.upStart();
    this.upSources = graph.upSources();
    this.downStart = graph.downStart();
    this.downTargets = graph.downTargets();
    this.appReducer = appReducer;
    this.appInitialState = appInitialState;
    this.schedule = schedule;
    this.timetable =
        cronDataIntervals && schedule.kind() == ScheduleSpec.Kind.CRON
            ? new CronDataIntervalTimetable(schedule.cronExpression(), schedule.zone())
            : Timetable.of(schedule);
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

  /**
   * The queues its tasks go to (see {@link TaskOptions#queue}), each once, in the order of the
   * tasks that first name them.
   */
  public List<String> queues() {
    LinkedHashSet<String> queues = new LinkedHashSet<>();
    for (TaskDefinition task : tasks) {
      queues.add(task.queue());
    }
    return List.copyOf(queues);
  }

  public int taskCount() {
    return tasks.size();
  }

  /** The task {@code taskId}. @throws IllegalArgumentException when there is none */
  public TaskDefinition task(String taskId) {
    return tasks.get(byIndex.indexOf(taskId));
  }

  /** True when the DAG has a task {@code taskId}. */
  public boolean hasTask(String taskId) {
    return graph.indexOf(taskId) >= 0;
  }

  /** The ids of the tasks directly upstream of {@code taskId}. */
  public List<String> upstreamIds(String taskId) {
    return ids(byIndex.upstreamOf(byIndex.indexOf(taskId)));
  }

  /** The ids of the tasks directly downstream of {@code taskId}. */
  public List<String> downstreamIds(String taskId) {
    return ids(byIndex.downstreamOf(byIndex.indexOf(taskId)));
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

  /** This DAG by task index: the engine's view ({@link DagIndex#of}), and this class's own. */
  private final class ByIndex extends DagIndex {
    @Override
    public int indexOf(String taskId) {
      int i = graph.indexOf(taskId);
      if (i < 0) {
        throw new IllegalArgumentException(
            "DAG '" + dagId + "' has no task '" + taskId + "'; its tasks are " + taskIds());
      }
      return i;
    }

    @Override
    public int upstreamPosition(int reader, String taskId, int from) {
      int first = upStart[reader];
      int count = upStart[reader + 1] - first;
      if (count == 0) {
        return -1;
      }
      int k = from >= 0 && from < count ? from : 0;
      String id = ids[upSources[first + k]];
      if (id == taskId || id.equals(taskId)) {
        return k;
      }
      if (count <= UPSTREAM_COMPARED) {
        for (int j = 0; j < count; j++) {
          if (ids[upSources[first + j]] == taskId) {
            return j;
          }
        }
      }
      return -1;
    }

    @Override
    public Map<String, Integer> taskIndex() {
      return index;
    }

    @Override
    public int[] upstreamOf(int i) {
      return Arrays.copyOfRange(upSources, upStart[i], upStart[i + 1]);
    }

    @Override
    public int[] downstreamOf(int i) {
      return Arrays.copyOfRange(downTargets, downStart[i], downStart[i + 1]);
    }

    @Override
    public int upstreamCount(int i) {
      return upStart[i + 1] - upStart[i];
    }

    @Override
    public int downstreamCount(int i) {
      return downStart[i + 1] - downStart[i];
    }

    @Override
    public int upstream(int i, int k) {
      return upSources[upStart[i] + Objects.checkIndex(k, upstreamCount(i))];
    }

    @Override
    public int downstream(int i, int k) {
      return downTargets[downStart[i] + Objects.checkIndex(k, downstreamCount(i))];
    }

    @Override
    public TriggerRule triggerRule(int i) {
      return triggerRules[i];
    }
  }

  /**
   * {@link DagIndex#taskIndex()}: a view of the graph's index rather than a hash map of its own,
   * which was 50 bytes per task (a node and a boxed index) in every DAG built.
   */
  private final class IndexMap extends AbstractMap<String, Integer> {
    @Override
    public Integer get(Object key) {
      int i = key instanceof String id ? graph.indexOf(id) : -1;
      return i < 0 ? null : i;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String id && graph.indexOf(id) >= 0;
    }

    @Override
    public int size() {
      return taskIds.size();
    }

    @Override
    public Set<Entry<String, Integer>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Integer>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < taskIds.size();
            }

            @Override
            public Entry<String, Integer> next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new SimpleImmutableEntry<>(taskIds.get(i), i);
            }
          };
        }

        @Override
        public int size() {
          return taskIds.size();
        }
      };
    }
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
