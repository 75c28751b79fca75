package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.internal.template.AirflowDates;
import io.processflow.runtime.time.TaskTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs DAGs: every task starts as soon as all its upstream tasks have ended, independent tasks run
 * concurrently, and at most {@code maxActiveTasks} tasks are queued or running at once. Every task
 * runs at most once per run and ends in a terminal state, and every run ends.
 *
 * <p>Blocking tasks run on the executor's threads. A task that returns a {@link
 * java.util.concurrent.CompletionStage} holds no thread while it waits, only its slot, so raise
 * {@code maxActiveTasks} (Airflow's meaning: tasks running at once) above the thread count for many
 * waiting tasks.
 *
 * <p>The runner owns a pool of worker threads unless the caller supplies an {@link Executor}; close
 * the runner to stop its own pool. A supplied executor must run tasks on other threads (a direct
 * executor would run a whole chain on the caller's stack). A {@link TaskLauncher} given to {@link
 * Builder#launcher} runs task bodies elsewhere instead (a remote worker); the runner still decides
 * everything else.
 */
public final class DagRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DagRunner.class);

  private final Executor suppliedExecutor;
  private final TaskLauncher suppliedLauncher;
  private final TaskTimer timer;
  private final int workerThreads;
  private final int maxActiveTasks;
  private final BodyPace.Settings paceSettings;
  private ForkJoinPool ownPool;

  /** Runs bodies on the pool, plus spares for threads that timed-out bodies hold. */
  private LocalTaskLauncher localLauncher;

  private DagRunner(Builder builder) {
    this.suppliedExecutor = builder.executor;
    this.suppliedLauncher = builder.launcher;
    this.timer = builder.timer;
    this.workerThreads = builder.workerThreads;
    this.maxActiveTasks = builder.maxActiveTasks;
    this.paceSettings = builder.paceSettings;
  }

  /** A runner with a pool of one worker per core and {@code maxActiveTasks} = cores. */
  public static DagRunner create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs {@code dag} once with default settings and waits for the result. */
  public RunResult run(DagDefinition dag) {
    return run(dag, RunConfig.defaults());
  }

  /** Runs {@code dag} once and waits for the result. */
  public RunResult run(DagDefinition dag, RunConfig config) {
    return start(dag, config).join();
  }

  /** Starts a run of {@code dag}; the future completes when every task has ended. */
  public CompletableFuture<RunResult> runAsync(DagDefinition dag, RunConfig config) {
    return start(dag, config).result();
  }

  /**
   * Starts a run of {@code dag} and returns its handle: its result, and {@link RunHandle#cancel()}
   * for Ctrl-C or SIGTERM.
   *
   * @throws io.processflow.runtime.dsl.ParamValidationException before any task runs, when {@code
   *     config}'s params do not fit the DAG's declarations (an undeclared name, a value not of its
   *     param's type or outside its enums or bounds, a required param left out)
   */
  public RunHandle start(DagDefinition dag, RunConfig config) {
    Objects.requireNonNull(dag, "dag");
    Objects.requireNonNull(config, "config");
    Instant logicalDate =
        AirflowDates.truncate(config.logicalDate() != null ? config.logicalDate() : timer.now());
    String runId = config.runId() != null ? config.runId() : AirflowDates.manualRunId(logicalDate);
    int maxActive =
        config.maxActiveTasks() > 0
            ? config.maxActiveTasks()
            : dag.maxActiveTasks() > 0 ? dag.maxActiveTasks() : maxActiveTasks;
    log.info(
        "running dag {} (run {}, {} task(s), max {} active)",
        dag.dagId(),
        runId,
        dag.taskCount(),
        maxActive);
    Map<String, Object> params = dag.resolveParams(config.params());
    List<Middleware<RunState>> middleware = config.middleware();
    RunRecorder.Recording recording = null;
    if (config.recorder() != null) {
      recording = config.recorder().open(dag, runId, logicalDate, params, config.resume());
      middleware = new ArrayList<>(middleware);
      middleware.add(recording); // innermost: records exactly what the reducer sees
    }
    RunExecution run;
    try {
      run =
          new RunExecution(
              dag,
              runId,
              logicalDate,
              params,
              launcher(),
              timer,
              maxActive,
              paceSettings,
              middleware,
              config.resume(),
              recording == null ? TryLogs.NONE : recording.tryLogs());
    } catch (RuntimeException | Error e) {
      if (recording != null) {
        recording.close();
      }
      throw e;
    }
    // The caller sees the result once the recording is closed (its journal and run lock released):
    // a resume right after the run must find the run free.
    CompletableFuture<RunResult> result = run.result();
    if (recording != null) {
      RunRecorder.Recording opened = recording;
      result = result.whenComplete((ended, error) -> opened.close());
    }
    run.start();
    return new RunHandle(run, result);
  }

  /** The runner's time (see {@link Builder#timer}). */
  TaskTimer timer() {
    return timer;
  }

  private synchronized TaskLauncher launcher() {
    if (suppliedLauncher != null) {
      return suppliedLauncher;
    }
    if (localLauncher == null) {
      localLauncher =
          new LocalTaskLauncher(suppliedExecutor != null ? suppliedExecutor : ownPool());
    }
    return localLauncher;
  }

  private ForkJoinPool ownPool() {
    if (ownPool == null) {
      AtomicInteger count = new AtomicInteger();
      // asyncMode: FIFO queues suit event-style tasks that are never joined.
      ownPool =
          new ForkJoinPool(
              workerThreads,
              pool -> {
                ForkJoinWorkerThread thread =
                    ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("processflow-worker-" + count.incrementAndGet());
                return thread;
              },
              null,
              true);
    }
    return ownPool;
  }

  /** Stops the runner's own worker pool (a supplied executor is left alone). */
  @Override
  public synchronized void close() {
    if (ownPool != null) {
      ownPool.shutdown();
      ownPool = null;
      localLauncher = null;
    }
  }

  /** Builds a {@link DagRunner}. */
  public static final class Builder {
    private Executor executor;
    private TaskLauncher launcher;
    private TaskTimer timer = TaskTimer.system();
    private int workerThreads = Runtime.getRuntime().availableProcessors();
    private int maxActiveTasks = Runtime.getRuntime().availableProcessors();
    private BodyPace.Settings paceSettings = BodyPace.Settings.DEFAULT;

    private Builder() {}

    /** When runs narrow to one slot and widen again (see BodyPace): tests' own thresholds. */
    Builder pace(BodyPace.Settings settings) {
      this.paceSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Runs tasks on {@code executor} instead of the runner's own pool; the caller shuts it down.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Runs task bodies through {@code launcher} (a remote worker queue, say) instead of on threads
     * of this JVM; the runner still decides readiness, trigger rules, retries, timeouts and the
     * run's end. See {@link TaskLauncher} for the contract.
     */
    public Builder launcher(TaskLauncher launcher) {
      this.launcher = Objects.requireNonNull(launcher, "launcher");
      return this;
    }

    /**
     * The time of runs: timestamps, the default logical date, retry delays and execution timeouts
     * (default {@link TaskTimer#system()}; tests pass a manual one to check timing without
     * sleeping).
     */
    public Builder timer(TaskTimer timer) {
      this.timer = Objects.requireNonNull(timer, "timer");
      return this;
    }

    /** The size of the runner's own pool (default: the number of cores). */
    public Builder workerThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1; was " + threads);
      }
      this.workerThreads = threads;
      return this;
    }

    /** The default bound on tasks queued or running at once (default: the number of cores). */
    public Builder maxActiveTasks(int maxActiveTasks) {
      if (maxActiveTasks < 1) {
        throw new IllegalArgumentException(
            "maxActiveTasks must be at least 1; was " + maxActiveTasks);
      }
      this.maxActiveTasks = maxActiveTasks;
      return this;
    }

    public DagRunner build() {
      return new DagRunner(this);
    }
  }
}
