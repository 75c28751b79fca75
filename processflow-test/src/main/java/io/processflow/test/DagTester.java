package io.processflow.test;

import io.processflow.api.RunState;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a DAG in a test: the whole DAG ({@link #run()}), or one task alone ({@link #task}, Airflow's
 * {@code tasks test}), on a manual {@link TestClock}, without a journal.
 *
 * <pre>{@code
 * DagRun run = DagTester.of(new ProcessFlowEtlDag()).param("region", "eu").run();
 * assertThat(run).succeeded().task("load").hasOutput("4 customers");
 *
 * TaskRun one = DagTester.of(new ProcessFlowEtlDag())
 *     .task("transform_a").withOutput("extract", List.of(order)).run();
 * assertThat(one).succeeded().hasOutput(Map.of("ada", 1250));
 * }</pre>
 *
 * <p>Time: the clock starts at {@link TestClock#DEFAULT_START}, which is also the default logical
 * date; {@link #run()} moves it whenever the run waits for it only (retry delays, sensor pokes,
 * timeouts), so those take no real time. Each run gets its own worker pool, closed at its end.
 */
public final class DagTester {
  /** How long a run may take in real time before the tester cancels it and fails. */
  public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

  private final DagDefinition dag;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final List<Middleware<RunState>> middleware = new ArrayList<>();
  private TestClock clock = TestClock.create();
  private Instant logicalDate;
  private String runId;
  private int threads = 4;
  private Duration limit = DEFAULT_LIMIT;

  private DagTester(DagDefinition dag) {
    this.dag = Objects.requireNonNull(dag, "dag");
  }

  /**
   * Tests the DAG of {@code provider}: a generated {@code ProcessFlowFoo}, or a DSL DAG's provider.
   */
  public static DagTester of(DagProvider provider) {
    return new DagTester(Objects.requireNonNull(provider, "provider").definition());
  }

  /** Tests a DAG built with the DSL. */
  public static DagTester of(DagDefinition dag) {
    return new DagTester(dag);
  }

  /** The DAG under test. */
  public DagDefinition dag() {
    return dag;
  }

  /** Sets run param {@code name}, which the DAG must declare (checked when the run starts). */
  public DagTester param(String name, Object value) {
    params.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  public DagTester params(Map<String, ?> values) {
    values.forEach(this::param);
    return this;
  }

  /** The logical date (default: the clock's time when the run starts). */
  public DagTester logicalDate(Instant date) {
    this.logicalDate = Objects.requireNonNull(date, "date");
    return this;
  }

  /** The logical date as a day ({@code 2024-01-31}, midnight UTC) or an ISO-8601 instant. */
  public DagTester logicalDate(String date) {
    Objects.requireNonNull(date, "date");
    return logicalDate(
        date.length() == 10
            ? LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(date));
  }

  /** The run id (default: Airflow's {@code manual__<logical date>}). */
  public DagTester runId(String runId) {
    this.runId = Objects.requireNonNull(runId, "runId");
    return this;
  }

  /** Uses {@code clock} instead of a fresh one, e.g. to start at another instant. */
  public DagTester clock(TestClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The clock runs use: advance it yourself after {@link #start()}. */
  public TestClock clock() {
    return clock;
  }

  /** Adds a middleware to the run's store, e.g. to record every action. */
  public DagTester middleware(Middleware<RunState> m) {
    middleware.add(Objects.requireNonNull(m, "middleware"));
    return this;
  }

  /** How many worker threads a run gets (default 4); also its bound on active tasks. */
  public DagTester threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1; was " + threads);
    }
    this.threads = threads;
    return this;
  }

  /**
   * How long a run may take in real time before it is cancelled and the test fails (default 60 s).
   */
  public DagTester limit(Duration limit) {
    this.limit = Objects.requireNonNull(limit, "limit");
    return this;
  }

  /**
   * Runs the whole DAG once, moving the clock whenever the run waits only for it; waits for its
   * end.
   */
  public DagRun run() {
    try (Session session = new Session()) {
      RunConfig config = config();
      return session.finish(session.runner.start(dag, config), config);
    }
  }

  /**
   * Starts a run of the whole DAG and returns at once; the clock moves only when you advance it
   * ({@link RunningDag#clock()}).
   */
  public RunningDag start() {
    Session session = new Session();
    try {
      RunConfig config = config();
      return new RunningDag(
          session.runner.start(dag, config), this, session, logicalDateOf(config));
    } catch (RuntimeException | Error e) {
      session.close();
      throw e;
    }
  }

  /** One task of the DAG, to run alone: Airflow's {@code tasks test}. */
  public TaskTester task(String taskId) {
    dag.task(
        Objects.requireNonNull(taskId, "taskId")); // an unknown id fails here, naming the tasks
    return new TaskTester(this, taskId);
  }

  Duration limit() {
    return limit;
  }

  RunConfig config() {
    RunConfig.Builder config = RunConfig.builder().params(params).logicalDate(logicalDateOrNow());
    if (runId != null) {
      config.runId(runId);
    }
    middleware.forEach(config::middleware);
    return config.build();
  }

  private Instant logicalDateOrNow() {
    return logicalDate != null ? logicalDate : clock.now();
  }

  static Instant logicalDateOf(RunConfig config) {
    // Airflow keeps logical dates to the microsecond, as the runner does.
    return config.logicalDate().truncatedTo(ChronoUnit.MICROS);
  }

  /** A runner on the clock with its own tracked pool: one per run. */
  final class Session implements AutoCloseable {
    final TrackingExecutor executor = new TrackingExecutor(threads);
    final DagRunner runner =
        DagRunner.builder().timer(clock).executor(executor).maxActiveTasks(threads).build();

    DagRun finish(RunHandle handle, RunConfig config) {
      RunResult result = RunDriver.drive(handle, clock, executor, limit);
      return new DagRun(result, logicalDateOf(config));
    }

    @Override
    public void close() {
      runner.close();
      executor.close();
    }
  }
}
