package io.processflow.runtime.dsl;

import io.processflow.api.Operator;
import io.processflow.api.TriggerRule;
import io.processflow.api.internal.graph.DependencyGraph;
import io.processflow.api.internal.graph.Suggestions;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.api.store.Reducer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares a DAG in plain Java; {@link #build()} validates it and returns the immutable
 * {@link DagDefinition} the runtime runs. The code the annotation processor generates uses this same
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
  private final List<Declared> tasks = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private String schedule = "";
  private String startDate = "";
  private String endDate = "";
  private boolean catchup;
  private int maxActiveRuns = ScheduleSpec.DEFAULT_MAX_ACTIVE_RUNS;
  private String timezone = ScheduleSpec.DEFAULT_TIMEZONE;
  private boolean cronDataIntervals;

  private record Declared(String taskId, Operator operator, TaskKind kind, TaskHandle handle) {}

  private record Edge(String upstream, String downstream, DagBuilder foreignOwner) {}

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

  /** At most {@code maxActiveTasks} tasks of a run are queued or running at once; 0 = the runner's default. */
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
   * Declares the untyped run parameter {@code name} with its default (Airflow's DAG {@code params}):
   * a run's value passes as it is (a string from {@code --param}). A run may override declared
   * params only: an undeclared name is an error before any task runs. Declare a typed param with
   * {@link #param(ParamSpec)}.
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
   * it does not set itself. {@code dag.defaultArgs().retries(2).retryDelay(Duration.ofSeconds(30))}.
   */
  public TaskOptions defaultArgs() {
    return defaultArgs;
  }

  /**
   * Airflow 3's {@code fail_fast}: the first failure (of a task not allowed to fail) fails the
   * running tasks and skips every task that has not started. Every task must keep the
   * {@code all_success} trigger rule.
   */
  public DagBuilder failFast(boolean failFast) {
    this.failFast = failFast;
    return this;
  }

  /**
   * When the DAG runs, as Airflow's {@code schedule}: a 5-field cron expression ({@code "0 6 * * 1-5"},
   * read as croniter reads it), a preset ({@code @daily}, {@code @once}, ...), or an ISO-8601 duration
   * ({@code PT6H}). Empty (the default) means manual runs only. Checked by {@link #build()}.
   */
  public DagBuilder schedule(String schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    return this;
  }

  /** The first logical date a scheduled run may have (inclusive), such as {@code 2024-01-01}; empty: none. */
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
   * each run's data interval spans one tick to the next and the run starts at its end. Default false:
   * a run at each tick with a zero-length interval ({@code CronTriggerTimetable}).
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
   * collection of ids, of the direct downstream tasks to follow; the others are skipped.
   */
  public TaskHandle branch(String taskId, Operator operator) {
    return declare(taskId, operator, TaskKind.BRANCH);
  }

  /**
   * Declares a short-circuit task (Airflow's {@code ShortCircuitOperator}): when {@code operator}
   * returns {@code false}, every task downstream of it is skipped.
   */
  public TaskHandle shortCircuit(String taskId, Operator operator) {
    return declare(taskId, operator, TaskKind.SHORT_CIRCUIT);
  }

  private TaskHandle declare(String taskId, Operator operator, TaskKind kind) {
    TaskHandle handle = new TaskHandle(this, taskId);
    tasks.add(new Declared(taskId, operator, kind, handle));
    return handle;
  }

  /** {@code upstream >> downstream}, by ids (checked by {@link #build()}). */
  public DagBuilder dependency(String upstream, String downstream) {
    edges.add(new Edge(upstream, downstream, null));
    return this;
  }

  /**
   * {@code [upstream...] >> taskId}, by ids: Airflow's {@code task.set_upstream([...])}, one call per
   * task (the code the processor generates uses it).
   */
  public DagBuilder dependsOn(String taskId, String... upstream) {
    for (String id : upstream) {
      edges.add(new Edge(id, taskId, null));
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
    DagBuilder foreign = null;
    if (upstream.builder() != this) {
      foreign = upstream.builder();
    } else if (downstream.builder() != this) {
      foreign = downstream.builder();
    }
    edges.add(new Edge(upstream.taskId(), downstream.taskId(), foreign));
  }


  /**
   * Validates the DAG and returns it. Every problem is collected: blank, malformed and duplicate
   * ids, missing operators, edges to unknown tasks or to another DAG's tasks, self-edges, and every
   * cycle with its whole path. Linear in tasks + edges.
   *
   * @throws DagValidationException listing every problem
   */
  public DagDefinition build() {
    log.info("building graph...");
    List<String> problems = new ArrayList<>();
    if (!TaskIds.isValid(dagId)) {
      problems.add("DAG id '" + TaskIds.shown(dagId) + "' is invalid: " + TaskIds.RULE);
    }
    List<ParamSpec> paramSpecs = new ArrayList<>(params.size());
    for (ParamSpec spec : params.values()) {
      if (!TaskIds.isValid(spec.name())) {
        problems.add("param name '" + spec.name() + "' is invalid: " + TaskIds.RULE.replace("ids", "names"));
      }
      paramSpecs.add(Params.checked(spec, problems));
    }
    for (ScheduleSpec.Problem problem : ScheduleSpec.check(schedule, startDate, endDate, timezone, maxActiveRuns)) {
      problems.add(problem.message());
    }
    Map<String, Integer> index = new HashMap<>(tasks.size() * 2);
    boolean debug = log.isDebugEnabled();
    for (int i = 0; i < tasks.size(); i++) {
      Declared task = tasks.get(i);
      String id = task.taskId();
      if (debug) {
        log.debug(id);
      }
      if (id == null || id.isBlank()) {
        problems.add("task #" + (i + 1) + " has a blank id; every task needs an id ("
            + TaskIds.RULE + ")");
        continue;
      }
      if (!TaskIds.isValid(id)) {
        problems.add("task id '" + TaskIds.shown(id) + "' (task #" + (i + 1) + ") is invalid: " + TaskIds.RULE);
      }
      if (task.operator() == null) {
        problems.add("task '" + id + "' has no operator; pass a lambda or an operator to task()");
      }
      Integer first = index.putIfAbsent(id, i);
      if (first != null) {
        problems.add("duplicate task id '" + id + "': declared as task #" + (first + 1)
            + " and task #" + (i + 1) + "; task ids must be unique within a DAG");
      }
    }

    int n = tasks.size();
    int[] upstreamCount = new int[n];
    int[] downstreamCount = new int[n];
    Set<Long> seen = new HashSet<>(edges.size() * 2);
    List<int[]> valid = new ArrayList<>(edges.size());
    for (Edge edge : edges) {
      if (edge.foreignOwner() != null) {
        problems.add("edge " + edge.upstream() + " >> " + edge.downstream() + " joins a task of DAG '"
            + edge.foreignOwner().dagId + "' to DAG '" + dagId
            + "'; wire only tasks declared on the same DagBuilder");
        continue;
      }
      Integer from = resolve(edge.upstream(), edge, index, problems);
      Integer to = resolve(edge.downstream(), edge, index, problems);
      if (from == null || to == null) {
        continue;
      }
      if (from.equals(to)) {
        problems.add("task '" + edge.upstream() + "' depends on itself (" + edge.upstream() + " >> "
            + edge.downstream() + "); remove that edge");
        continue;
      }
      // from * n + to: Long's hash folds the halves, so (from << 32 | to) would collide as from ^ to.
      if (seen.add((long) from * n + to)) {
        valid.add(new int[] {from, to});
        downstreamCount[from]++;
        upstreamCount[to]++;
      }
    }
    int[][] downstream = new int[n][];
    int[][] upstream = new int[n][];
    for (int i = 0; i < n; i++) {
      downstream[i] = new int[downstreamCount[i]];
      upstream[i] = new int[upstreamCount[i]];
    }
    int[] d = new int[n];
    int[] u = new int[n];
    for (int[] e : valid) {
      downstream[e[0]][d[e[0]]++] = e[1];
      upstream[e[1]][u[e[1]]++] = e[0];
    }
    if (failFast) {
      for (Declared task : tasks) {
        TriggerRule rule = task.handle().options().resolve(defaultArgs).triggerRule();
        if (rule != TriggerRule.ALL_SUCCESS) {
          problems.add("task '" + task.taskId() + "' has trigger rule " + rule + ", but DAG '" + dagId
              + "' is failFast, which allows only all_success; remove the rule or failFast");
        }
      }
    }
    for (int[] cycle : DependencyGraph.findCycles(downstream)) {
      StringJoiner path = new StringJoiner(" -> ", "Found a dependency cycle: ", "");
      for (int node : cycle) {
        path.add(tasks.get(node).taskId());
      }
      problems.add(path + "; remove one of these edges");
    }
    if (!problems.isEmpty()) {
      throw new DagValidationException(dagId, problems);
    }

    List<TaskDefinition> definitions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Declared task = tasks.get(i);
      definitions.add(
          new TaskDefinition(
              i, task.taskId(), task.operator(), task.kind(), task.handle().options().resolve(defaultArgs),
              task.handle().outputType()));
    }
    log.info("collected {} task(s)", n);
    return new DagDefinition(
        dagId,
        description,
        maxActiveTasks,
        failFast,
        paramSpecs,
        definitions,
        index,
        upstream,
        downstream,
        appReducer,
        appInitialState,
        ScheduleSpec.of(schedule, startDate, endDate, timezone, catchup, maxActiveRuns),
        cronDataIntervals);
  }

  private Integer resolve(String id, Edge edge, Map<String, Integer> index, List<String> problems) {
    Integer i = id == null ? null : index.get(id);
    if (i == null) {
      String suggestion =
          id == null ? "" : Suggestions.closest(id, index.keySet()).map(s -> "; did you mean '" + s + "'?").orElse("");
      problems.add("edge " + edge.upstream() + " >> " + edge.downstream() + " names unknown task '"
          + id + "'" + (suggestion.isEmpty() ? "; declare it with task() first" : suggestion));
    }
    return i;
  }
}
