package io.processflow.test;

import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.SingleTaskRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one task alone, Airflow's {@code tasks test}: with the params, logical date and clock of its
 * {@link DagTester}, and the upstream outputs given here. It runs whatever its upstream tasks did,
 * with its retries and timeout; nothing downstream runs. An upstream output not given is {@code
 * null}, as an XCom that was never pushed. See {@link
 * io.processflow.runtime.execution.SingleTaskRun}.
 */
public final class TaskTester {
  private final DagTester dag;
  private final String taskId;
  private final Map<String, Object> outputs = new LinkedHashMap<>();

  TaskTester(DagTester dag, String taskId) {
    this.dag = dag;
    this.taskId = taskId;
  }

  /**
   * Task {@code upstreamId}'s output, as {@code @From("upstreamId")} and {@code xcomPull} read it.
   */
  public TaskTester withOutput(String upstreamId, Object output) {
    outputs.put(Objects.requireNonNull(upstreamId, "upstreamId"), output);
    return this;
  }

  /** Sets a run param of the DAG (see {@link DagTester#param}). */
  public TaskTester param(String name, Object value) {
    dag.param(name, value);
    return this;
  }

  /** Runs the task once (moving the clock for its retries) and returns how it ended. */
  public TaskRun run() {
    try (DagTester.Session session = dag.new Session()) {
      RunConfig config = dag.config();
      DagRun run =
          session.finish(
              SingleTaskRun.start(session.runner, dag.dag(), taskId, outputs, config), config);
      return run.task(taskId);
    }
  }
}
