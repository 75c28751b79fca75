package io.processflow.runtime.execution;

import io.processflow.api.Operator;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.internal.template.AirflowDates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Runs one task of a DAG alone: Airflow's {@code airflow tasks test}. The task runs once (with its
 * retries and timeout), whatever its upstream tasks did, and nothing downstream of it runs; no
 * journal is written. Its upstream outputs are given: every other task of the DAG counts as
 * succeeded, with no try (try number 0) and the output given for it or none, so {@code @From},
 * {@code ctx.xcomPull} and {@code ti.xcom_pull} read them as in a real run. Those successes are the
 * run's first actions, so a DAG's own reducer sees them too. A branch or short-circuit task runs as
 * a plain task: its output shows its decision.
 *
 * <p>The run's params, logical date (default: now by the runner's timer), run id and middleware
 * come from the {@link RunConfig}; it may not record or resume a run.
 */
public final class SingleTaskRun {
  /**
   * What the other tasks run: nothing, since they are restored as succeeded before the run starts.
   */
  private static final Operator NOT_RUN =
      context -> {
        throw new IllegalStateException(
            "task '" + context.taskId() + "' is not the task under test");
      };

  private SingleTaskRun() {}

  /**
   * Starts task {@code taskId} of {@code dag} alone on {@code runner}; the handle's result holds
   * every task of the DAG, the given upstream tasks as succeeded.
   *
   * @param upstreamOutputs outputs of other tasks by id (usually the task's upstream tasks)
   * @throws IllegalArgumentException before anything runs, when the DAG has no task {@code taskId}
   *     or no task named in {@code upstreamOutputs}, when an output is given for the task itself,
   *     when {@code config} records or resumes a run, or sets a param the DAG does not declare
   */
  public static RunHandle start(
      DagRunner runner,
      DagDefinition dag,
      String taskId,
      Map<String, ?> upstreamOutputs,
      RunConfig config) {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(upstreamOutputs, "upstreamOutputs");
    TaskDefinition target = dag.task(Objects.requireNonNull(taskId, "taskId"));
    for (String id : upstreamOutputs.keySet()) {
      if (!dag.hasTask(id)) {
        throw new IllegalArgumentException(
            "DAG '"
                + dag.dagId()
                + "' has no task '"
                + id
                + "' to give an output for; its tasks are "
                + dag.taskIds());
      }
      if (id.equals(taskId)) {
        throw new IllegalArgumentException(
            "an output is given for task '"
                + taskId
                + "' itself; give the outputs of its upstream tasks "
                + dag.upstreamIds(taskId));
      }
    }
    if (config.recorder() != null || config.resume() != null) {
      throw new IllegalArgumentException(
          "a single-task run keeps no journal and resumes nothing; leave recorder and resume unset");
    }
    Instant logicalDate =
        AirflowDates.truncate(
            config.logicalDate() != null ? config.logicalDate() : runner.timer().now());
    String runId = config.runId() != null ? config.runId() : AirflowDates.manualRunId(logicalDate);
    RunConfig.Builder isolated =
        RunConfig.builder().runId(runId).logicalDate(logicalDate).params(config.params());
    if (config.maxActiveTasks() > 0) {
      isolated.maxActiveTasks(config.maxActiveTasks());
    }
    config.middleware().forEach(isolated::middleware);
    Instant now = runner.timer().now();
    List<Action> succeeded = new ArrayList<>();
    for (String id : dag.taskIds()) {
      if (!id.equals(taskId)) {
        succeeded.add(
            new TaskStatusUpdate(
                runId, id, now, TaskState.SUCCESS, 0, null, upstreamOutputs.get(id)));
      }
    }
    isolated.resume(new ResumePlan(succeeded, List.of(), Set.of()));
    return runner.start(isolate(dag, target), isolated.build());
  }

  /**
   * Starts try {@code tryNumber} of task {@code taskId} alone, without retries or timeout (whoever
   * launched the try decides those, and cancels it): how a worker runs a try that a deciding
   * process launched elsewhere. The run's other tasks count as succeeded with the outputs in {@code
   * otherOutputs}, and the DAG's own actions in {@code appActions} rebuild its app state first.
   *
   * @param config the run's id, logical date and params, and a recorder that keeps the try's log
   *     (it sees the try's own transitions, after the restored ones); it may not resume a run
   */
  public static RunHandle startTry(
      DagRunner runner,
      DagDefinition dag,
      String taskId,
      int tryNumber,
      Map<String, ?> otherOutputs,
      List<Action> appActions,
      RunConfig config) {
    dag.task(Objects.requireNonNull(taskId, "taskId")); // throws for a task the DAG does not have
    if (tryNumber < 1 || config.runId() == null || config.logicalDate() == null) {
      throw new IllegalArgumentException(
          "a try needs its number (from 1), its run's id and its logical date");
    }
    String runId = config.runId();
    Instant now = runner.timer().now();
    List<Action> restored = new ArrayList<>(appActions);
    for (String id : dag.taskIds()) {
      if (!id.equals(taskId)) {
        restored.add(
            new TaskStatusUpdate(runId, id, now, TaskState.SUCCESS, 0, null, otherOutputs.get(id)));
      } else if (tryNumber > 1) { // the tries before this one: the engine numbers the next one
        restored.add(
            new TaskStatusUpdate(runId, id, now, TaskState.FAILED, tryNumber - 1, null, null));
      }
    }
    RunConfig.Builder isolated =
        RunConfig.builder().runId(runId).logicalDate(config.logicalDate()).params(config.params());
    config.middleware().forEach(isolated::middleware);
    if (config.recorder() != null) {
      isolated.recorder(config.recorder());
    }
    isolated.resume(new ResumePlan(restored, List.of(), Set.of()));
    return runner.start(forTries(dag), isolated.build());
  }

  /**
   * The DAGs that {@link #startTry} runs, one per DAG whatever the task: a worker runs every task
   * of its DAGs, and building the DAG again for each try cost a seventh of a try of a 10,000-task
   * DAG. Weak keys: a DAG nobody holds any more goes.
   */
  private static final Map<DagDefinition, DagDefinition> FOR_TRIES =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * {@code dag} for {@link #startTry}: every task with its operator and options but no retries or
   * timeout, all resumable, and no edges. One DAG serves every task: the try's task is the only one
   * not restored as succeeded, so no other task ever runs.
   */
  private static DagDefinition forTries(DagDefinition dag) {
    DagDefinition cached = FOR_TRIES.get(dag);
    if (cached != null) {
      return cached;
    }
    DagBuilder builder = withoutTasks(dag);
    for (TaskDefinition task : dag.tasks()) {
      options(builder.task(task.taskId(), task.operator()), task).retries(0).resumable(true);
    }
    DagDefinition built = builder.build();
    FOR_TRIES.put(dag, built);
    return built;
  }

  /** A builder of {@code dag}'s id, description, params and reducer, with no task yet. */
  private static DagBuilder withoutTasks(DagDefinition dag) {
    DagBuilder builder = DagBuilder.dag(dag.dagId()).description(dag.description());
    // The declarations, not their defaults: the run resolves params with the DAG's own types.
    dag.paramSpecs().forEach(builder::param);
    if (dag.appReducer() != null) {
      builder.reducer(dag.appReducer(), dag.appInitialState());
    }
    return builder;
  }

  /** {@code handle} with {@code task}'s failure and retry-delay options (see {@link #isolate}). */
  private static TaskHandle options(TaskHandle handle, TaskDefinition task) {
    handle
        .allowToFail(task.allowToFail())
        .resumable(task.resumable())
        .retries(task.retries())
        .retryDelay(task.retryDelay())
        .retryExponentialBackoff(task.retryExponentialBackoff());
    if (task.maxRetryDelay() != null) {
      handle.maxRetryDelay(task.maxRetryDelay());
    }
    return handle;
  }

  /** Starts and waits: see {@link #start}. */
  public static RunResult run(
      DagRunner runner,
      DagDefinition dag,
      String taskId,
      Map<String, ?> upstreamOutputs,
      RunConfig config) {
    return start(runner, dag, taskId, upstreamOutputs, config).join();
  }

  /**
   * The DAG's tasks without edges: {@code target} with its operator and options, its retries and
   * timeout, the others inert (for {@link #start}).
   */
  private static DagDefinition isolate(DagDefinition dag, TaskDefinition target) {
    DagBuilder builder = withoutTasks(dag);
    for (TaskDefinition task : dag.tasks()) {
      if (task != target) {
        builder.task(task.taskId(), NOT_RUN);
        continue;
      }
      TaskHandle handle = options(builder.task(task.taskId(), task.operator()), task);
      if (task.executionTimeout() != null) {
        handle.executionTimeout(task.executionTimeout());
      }
    }
    return builder.build();
  }
}
