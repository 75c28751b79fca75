package io.processflow.runtime.dsl;

import io.processflow.api.Operator;
import io.processflow.api.TriggerRule;
import io.processflow.api.internal.graph.EdgeList;
import io.processflow.api.internal.graph.GraphMessage;
import io.processflow.api.internal.graph.TaskGraph;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.api.store.Reducer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares a DAG in plain Java; {@link #build()} validates it and returns the immutable {@link
 * DagDefinition} the runtime runs. The code the annotation processor generates uses this same
 * builder.
 *
 * <pre>{@code
 * DagBuilder dag = DagBuilder.dag("etl");
 * TaskHandle extract = dag.task("extract", ctx -> List.of(1, 2, 3));
 * TaskHandle load = dag.task("load", ctx -> ctx.<List<Integer>>xcomPull("extract").size());
 * extract.then(load);
 * DagDefinition definition = dag.build();
 * }</pre>
 */
public final class DagBuilder {
  private static final Logger log = LoggerFactory.getLogger(DagBuilder.class);

  private final String dagId;
  private String description = "";
  private int maxActiveTasks;
  private boolean failFast;
  private final TaskOptions defaultArgs = new TaskOptions();
  private final Map<String, ParamSpec> params = new java.util.LinkedHashMap<>();
  private Reducer<Object> appReducer;
  private Object appInitialState;
  /*
   * Declarations in fixed blocks of flat arrays: a handle and an id per task (each edge as its two
   * ends, in EdgeList). Building a 100,000-task DAG allocated ~900 bytes per task with a record per
   * task and per edge, hash maps of boxed indexes and a set of boxed edge keys; arrays that doubled
   * as they filled then copied twice what they held, in arrays big enough to be allocated outside
   * the young generation. build() flattens the ids once, into the array the DAG keeps. See
   * RuntimeBench's end-to-end table (build B/task) for what it allocates now.
   */
  private static final int SHIFT = 10;
  private static final int BLOCK = 1 << SHIFT;
  private static final int MASK = BLOCK - 1;

  private TaskHandle[][] tasks = {new TaskHandle[16]};
  private String[][] ids = {new String[16]};

  /*
   * Each id's hash, and how many tasks have an invalid id or no operator, taken as the task is
   * declared, while its id is fresh in the cache: build() then reads no id when none is wrong, where
   * checking and hashing every id again was a fifth of building (JFR, RuntimeBench's shapes at
   * 10,000 and 100,000 tasks).
   */
  private int[][] hashes = {new int[16]};
  private int wrongTasks;
  private int taskCount;

  /** An edge's end: a task index, or {@code -k - 1} for the id {@code names[k]} (by-id edges). */
  private final EdgeList edges = new EdgeList();

  private String[] names = new String[0];
  private int nameCount;

  /** Edges between this DAG's tasks and another's: reported by {@link #build()}, never added. */
  private final List<String> foreignEdges = new ArrayList<>(0);

  private String schedule = "";
  private String startDate = "";
  private String endDate = "";
  private boolean catchup;
  private int maxActiveRuns = ScheduleSpec.DEFAULT_MAX_ACTIVE_RUNS;
  private String timezone = ScheduleSpec.DEFAULT_TIMEZONE;
  private boolean cronDataIntervals;

  private DagBuilder(String dagId) {
    this.dagId = dagId;
  }

  /** Starts declaring the DAG {@code dagId}. */
  public static DagBuilder dag(String dagId) {
    return new DagBuilder(dagId);
  }

  public String dagId() {
    return dagId;
  }

  public DagBuilder description(String description) {
    this.description = Objects.requireNonNull(description, "description");
    return this;
  }

  /**
   * At most {@code maxActiveTasks} tasks of a run are queued or running at once; 0 = the runner's
   * default.
   */
  public DagBuilder maxActiveTasks(int maxActiveTasks) {
    if (maxActiveTasks < 0) {
      throw new IllegalArgumentException(
          "maxActiveTasks must be positive, or 0 for the runner's default; was " + maxActiveTasks);
    }
    this.maxActiveTasks = maxActiveTasks;
    return this;
  }

  /**
   * The DAG's own reducer (the original's {@code create_store(reducer, ...)}): it sees every action
   * of each run, the runtime's included, and manages {@code RunState.appState()}, which starts at
   * {@code initialState}.
   */
  @SuppressWarnings("unchecked")
  public <S> DagBuilder reducer(Reducer<S> reducer, S initialState) {
    this.appReducer = (Reducer<Object>) Objects.requireNonNull(reducer, "reducer");
    this.appInitialState = Objects.requireNonNull(initialState, "initialState");
    return this;
  }

  /**
   * Declares the untyped run parameter {@code name} with its default (Airflow's DAG {@code
   * params}): a run's value passes as it is (a string from {@code --param}). A run may override
   * declared params only: an undeclared name is an error before any task runs. Declare a typed
   * param with {@link #param(ParamSpec)}.
   */
  public DagBuilder param(String name, Object defaultValue) {
    Objects.requireNonNull(name, "name");
    return param(ParamSpec.untyped(name, defaultValue));
  }

  /**
   * Declares a typed run parameter (Airflow's {@code Param}): a run's value is parsed to the type
   * and checked against the enums and bounds before any task runs, and {@link #build()} checks the
   * declaration itself. {@code dag.param(ParamSpec.integer("limit").defaultValue(100).minimum(1))}.
   */
  public DagBuilder param(ParamSpec spec) {
    Objects.requireNonNull(spec, "spec");
    params.put(spec.name(), spec);
    return this;
  }

  /**
   * The DAG's default task options, Airflow's {@code default_args}: every task inherits the options
   * it does not set itself. {@code
   * dag.defaultArgs().retries(2).retryDelay(Duration.ofSeconds(30))}.
   */
  public TaskOptions defaultArgs() {
    return defaultArgs;
  }

  /**
   * Airflow 3's {@code fail_fast}: the first failure (of a task not allowed to fail) fails the
   * running tasks and skips every task that has not started. Every task must keep the {@code
   * all_success} trigger rule.
   */
  public DagBuilder failFast(boolean failFast) {
    this.failFast = failFast;
    return this;
  }

  /**
   * When the DAG runs, as Airflow's {@code schedule}: a 5-field cron expression ({@code "0 6 * *
   * 1-5"}, read as croniter reads it), a preset ({@code @daily}, {@code @once}, ...), or an
   * ISO-8601 duration ({@code PT6H}). Empty (the default) means manual runs only. Checked by {@link
   * #build()}.
   */
  public DagBuilder schedule(String schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    return this;
  }

  /**
   * The first logical date a scheduled run may have (inclusive), such as {@code 2024-01-01}; empty:
   * none.
   */
  public DagBuilder startDate(String startDate) {
    this.startDate = Objects.requireNonNull(startDate, "startDate");
    return this;
  }

  /** The last logical date a scheduled run may have (inclusive); empty: none. */
  public DagBuilder endDate(String endDate) {
    this.endDate = Objects.requireNonNull(endDate, "endDate");
    return this;
  }

  /** Airflow's {@code catchup}: run every missed tick since the start date, not only the latest. */
  public DagBuilder catchup(boolean catchup) {
    this.catchup = catchup;
    return this;
  }

  /** Airflow's {@code max_active_runs} (default 16; at least 1, checked by {@link #build()}). */
  public DagBuilder maxActiveRuns(int maxActiveRuns) {
    this.maxActiveRuns = maxActiveRuns;
    return this;
  }

  /** The IANA time zone of the schedule and of dates without offset (default {@code UTC}). */
  public DagBuilder timezone(String timezone) {
    this.timezone = Objects.requireNonNull(timezone, "timezone");
    return this;
  }

  /**
   * Reads a cron schedule as Airflow 2 did, Airflow 3's {@code create_cron_data_intervals = True}:
   * each run's data interval spans one tick to the next and the run starts at its end. Default
   * false: a run at each tick with a zero-length interval ({@code CronTriggerTimetable}).
   */
  public DagBuilder cronDataIntervals(boolean cronDataIntervals) {
    this.cronDataIntervals = cronDataIntervals;
    return this;
  }

  /** Declares task {@code taskId}, which runs {@code operator}. */
  public TaskHandle task(String taskId, Operator operator) {
    return declare(taskId, operator, TaskKind.TASK);
  }

  /**
   * Declares a branch task (Airflow's {@code @task.branch}): {@code operator} returns the id, or a
   * collection of ids, of the tasks to follow, usually direct downstream ones (as in Airflow, any
   * task of the DAG; an id the DAG does not have fails the branch); the direct downstream tasks
   * that are neither followed nor downstream of a followed task are skipped, and the skip
   * propagates.
   */
  public TaskHandle branch(String taskId, Operator operator) {
    return declare(taskId, operator, TaskKind.BRANCH);
  }

  /**
   * Declares a short-circuit task (Airflow's {@code ShortCircuitOperator}): when {@code operator}
   * returns a false condition as Python sees it ({@code false}, null, zero, an empty string,
   * collection, map or array), every task downstream of it is skipped and it keeps no output (as in
   * Airflow 3); any other value lets them run and is its output, so a task can return the rows it
   * found and run on only when there are some.
   */
  public TaskHandle shortCircuit(String taskId, Operator operator) {
    return declare(taskId, operator, TaskKind.SHORT_CIRCUIT);
  }

  private TaskHandle declare(String taskId, Operator operator, TaskKind kind) {
    TaskHandle handle = new TaskHandle(this, taskCount, operator, kind);
    int block = taskCount >>> SHIFT;
    if (block == tasks.length) {
      tasks = Arrays.copyOf(tasks, block * 2);
      ids = Arrays.copyOf(ids, block * 2);
      hashes = Arrays.copyOf(hashes, block * 2);
    }
    if (tasks[block] == null) {
      tasks[block] = new TaskHandle[BLOCK];
      ids[block] = new String[BLOCK];
      hashes[block] = new int[BLOCK];
    } else if (block == 0 && taskCount == tasks[0].length) {
      // The first block grows up to its full size, so a small DAG stays small.
      int length = Math.min(BLOCK, taskCount * 2);
      tasks[0] = Arrays.copyOf(tasks[0], length);
      ids[0] = Arrays.copyOf(ids[0], length);
      hashes[0] = Arrays.copyOf(hashes[0], length);
    }
    if (TaskIds.isValid(taskId) && operator != null) {
      hashes[block][taskCount & MASK] = taskId.hashCode();
    } else {
      wrongTasks++;
    }
    ids[block][taskCount & MASK] = taskId;
    tasks[block][taskCount++ & MASK] = handle;
    return handle;
  }

  String taskId(int index) {
    return ids[index >>> SHIFT][index & MASK];
  }

  private TaskHandle handle(int index) {
    return tasks[index >>> SHIFT][index & MASK];
  }

  /**
   * The first {@code taskCount} entries of arrays kept in blocks ({@code ids}, {@code hashes}),
   * copied in declaration order into {@code flat}, an array of exactly {@code taskCount}.
   */
  private <A> A flat(A[] blocks, A flat) {
    for (int from = 0; from < taskCount; from += BLOCK) {
      System.arraycopy(blocks[from >>> SHIFT], 0, flat, from, Math.min(BLOCK, taskCount - from));
    }
    return flat;
  }

  /** {@code upstream >> downstream}, by ids (checked by {@link #build()}). */
  public DagBuilder dependency(String upstream, String downstream) {
    addEdge(name(upstream), name(downstream));
    return this;
  }

  /** An edge's end for an id, resolved by {@link #build()}. */
  private int name(String id) {
    if (nameCount == names.length) {
      names = Arrays.copyOf(names, Math.max(8, nameCount * 2));
    }
    names[nameCount] = id;
    return - ++nameCount;
  }

  private void addEdge(int upstream, int downstream) {
    edges.add(upstream, downstream);
  }

  /** The id an edge's end names. */
  private String endId(int end) {
    return end >= 0 ? taskId(end) : names[-end - 1];
  }

  /**
   * {@code [upstream...] >> taskId}, by ids: Airflow's {@code task.set_upstream([...])}, one call
   * per task (the code the processor generates uses it).
   */
  public DagBuilder dependsOn(String taskId, String... upstream) {
    for (String id : upstream) {
      addEdge(name(id), name(taskId));
    }
    return this;
  }

  /** Airflow's {@code chain(a, b, c)}: {@code a >> b >> c}. */
  public static void chain(TaskHandle... tasks) {
    for (int i = 1; i < tasks.length; i++) {
      tasks[i - 1].then(tasks[i]);
    }
  }

  void edge(TaskHandle upstream, TaskHandle downstream) {
    Objects.requireNonNull(downstream, "downstream task");
    DagBuilder foreign = upstream.builder() != this ? upstream.builder() : downstream.builder();
    if (foreign != this) {
      foreignEdges.add(
          "edge "
              + upstream.taskId()
              + " >> "
              + downstream.taskId()
              + " joins a task of DAG '"
              + foreign.dagId
              + "' to DAG '"
              + dagId
              + "'; wire only tasks declared on the same DagBuilder");
      return;
    }
    addEdge(upstream.index(), downstream.index());
  }

  /**
   * Validates the DAG and returns it. Every problem is collected: blank, malformed and duplicate
   * ids, missing operators, edges to unknown tasks or to another DAG's tasks, self-edges, and every
   * cycle with its whole path, in the words and with the rule ids ({@code [ProcessFlow/Cycle]}) the
   * annotation processor uses for the same problems ({@link GraphMessage}). Linear in tasks +
   * edges.
   *
   * @throws DagValidationException listing every problem
   */
  public DagDefinition build() {
    log.info("building graph...");
    List<String> problems = new ArrayList<>();
    if (!TaskIds.isValid(dagId)) {
      problems.add(GraphMessage.DAG_ID_INVALID.format(TaskIds.shown(dagId), "", TaskIds.RULE));
    }
    List<ParamSpec> paramSpecs = new ArrayList<>(params.size());
    for (ParamSpec spec : params.values()) {
      if (!TaskIds.isValid(spec.name())) {
        problems.add(
            "param name '" + spec.name() + "' is invalid: " + TaskIds.RULE.replace("ids", "names"));
      }
      paramSpecs.add(Params.checked(spec, problems));
    }
    for (ScheduleSpec.Problem problem :
        ScheduleSpec.check(schedule, startDate, endDate, timezone, maxActiveRuns)) {
      problems.add(problem.message());
    }
    int n = taskCount;
    String[] ids = flat(this.ids, new String[taskCount]);
    if (log.isDebugEnabled()) {
      for (int i = 0; i < n; i++) {
        log.debug(ids[i]);
      }
    }
    TaskGraph graph;
    if (wrongTasks == 0) {
      graph = TaskGraph.ofValid(ids, flat(hashes, new int[taskCount]), n, edges, names);
    } else {
      taskProblems(ids, problems);
      graph = TaskGraph.of(ids, n, edges, names);
    }
    graphProblems(graph, problems);
    TaskOptions.ResolvedOptions defaults = new TaskOptions().resolve(defaultArgs);
    TaskDefinition[] definitions = new TaskDefinition[n];
    TriggerRule[] triggerRules = new TriggerRule[n];
    for (int i = 0; i < n; i++) {
      TaskHandle task = handle(i);
      TaskOptions own = task.ownOptions();
      TaskOptions.ResolvedOptions options = own == null ? defaults : own.resolve(defaultArgs);
      triggerRules[i] = options.triggerRule();
      if (failFast && triggerRules[i] != TriggerRule.ALL_SUCCESS) {
        problems.add(
            GraphMessage.FAIL_FAST_TRIGGER_RULE.format(ids[i], triggerRules[i].name(), dagId));
      }
      definitions[i] = new TaskDefinition(i, ids[i], task.operator(), task.kind(), options);
    }
    if (!problems.isEmpty()) {
      throw new DagValidationException(dagId, problems);
    }
    log.info("collected {} task(s)", n);
    return new DagDefinition(
        dagId,
        description,
        maxActiveTasks,
        failFast,
        paramSpecs,
        definitions,
        triggerRules,
        graph,
        appReducer,
        appInitialState,
        ScheduleSpec.of(schedule, startDate, endDate, timezone, catchup, maxActiveRuns),
        cronDataIntervals);
  }

  /** Each task's blank or malformed id and missing operator, in declaration order. */
  private void taskProblems(String[] ids, List<String> problems) {
    for (int i = 0; i < ids.length; i++) {
      String id = ids[i];
      if (id == null || id.isBlank()) {
        problems.add(
            GraphMessage.TASK_ID_BLANK.format(
                taskName(i), "give every task an id (" + TaskIds.RULE + ")"));
      } else if (!TaskIds.isValid(id)) {
        problems.add(
            GraphMessage.TASK_ID_INVALID.format(
                TaskIds.shown(id), taskName(i), TaskIds.RULE, "pass a valid id to task()"));
      }
      if (handle(i).operator() == null) {
        problems.add("task '" + id + "' has no operator; pass a lambda or an operator to task()");
      }
    }
  }

  /** The graph's problems as the DSL names things: {@code task #3}, {@code edge a >> b}. */
  private void graphProblems(TaskGraph graph, List<String> problems) {
    int[] duplicates = graph.duplicateIds();
    for (int k = 0; k < duplicates.length; k += 2) {
      problems.add(
          GraphMessage.DUPLICATE_ID.format(
              graph.id(duplicates[k]),
              taskName(duplicates[k]),
              taskName(duplicates[k + 1]),
              "rename one of them"));
    }
    problems.addAll(foreignEdges);
    int[] unknown = graph.unknownEnds();
    for (int k = 0; k < unknown.length; k += 2) {
      int e = unknown[k];
      String id = endId(unknown[k + 1] == 0 ? edges.from(e) : edges.to(e));
      String other = endId(unknown[k + 1] == 0 ? edges.to(e) : edges.from(e));
      problems.add(GraphMessage.UNKNOWN_TASK.format(edgeName(e), id, graph.hint(id, other)));
    }
    for (int e : graph.selfEdges()) {
      problems.add(
          GraphMessage.SELF_DEPENDENCY.format(
              endId(edges.from(e)), edgeName(e), "remove that edge"));
    }
    for (TaskGraph.Cycle cycle : graph.cycles()) {
      problems.add(GraphMessage.CYCLE.format(graph.path(cycle), "edges"));
    }
  }

  private static String taskName(int i) {
    return "task #" + (i + 1);
  }

  private String edgeName(int e) {
    return "edge " + endId(edges.from(e)) + " >> " + endId(edges.to(e));
  }
}
