package io.processflow.runtime.execution;

import io.processflow.api.TaskContext;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.internal.dag.DagIndex;
import java.util.function.Supplier;

/**
 * The engine's {@link TaskTry}: one object serves as the launcher's handle and as the body's {@link
 * TaskContext}. The local launcher runs it as the task it submits to its executor (no lambda per
 * try), and makes its own for the tries a thread keeps (see LocalTaskLauncher).
 */
final class EngineTry extends DefaultTaskContext implements TaskTry, Runnable {

  /** The task's index in its DAG. */
  final int index;

  /**
   * Where in this task's upstream list {@link #indexOf} looks first: after the last task it found
   * there. A hint only (a body's own threads may race on it): every position is checked.
   */
  private int nextUpstream;

  EngineTry(RunExecution run, int index, int tryNumber) {
    super(run, run.dag().taskIds().get(index), tryNumber);
    this.index = index;
  }

  /**
   * The index of {@code taskId}, looked for first among this task's direct upstream tasks (see
   * #upstreamIndex).
   */
  @Override
  int indexOf(String taskId) {
    int u = upstreamIndex(taskId);
    return u >= 0 ? u : DagIndex.of(run.dag()).indexOf(taskId);
  }

  /**
   * The index of {@code taskId} if it is one of this task's direct upstream tasks, else -1: looked
   * for (see DagIndex#upstreamPosition) from the position after the last one found there.
   */
  private int upstreamIndex(String taskId) {
    DagIndex dag = DagIndex.of(run.dag());
    int k = dag.upstreamPosition(index, taskId, nextUpstream);
    if (k < 0) {
      return -1;
    }
    nextUpstream = k + 1;
    return dag.upstream(index, k);
  }

  /**
   * A direct upstream task's output, read without the store when this task's rule is {@code
   * all_success}: then every upstream task succeeded before this try started, in a section that
   * happened before this thread got the try, and a run never runs an ended task again, so its
   * output is final and visible here. Reading the store's newest version instead pulled two lines
   * that the deciding thread writes in every transition (RuntimeBench, end to end, where every task
   * pulls its parents). Any other task, or rule, goes through the store.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> T xcomPull(String taskId) {
    int u = upstreamIndex(taskId);
    if (u >= 0 && DagIndex.of(run.dag()).triggerRule(index) == TriggerRule.ALL_SUCCESS) {
      return (T) run.endedOutput(u);
    }
    return (T) storedOutput(u >= 0 ? u : DagIndex.of(run.dag()).indexOf(taskId), taskId);
  }

  @Override
  public TaskDefinition task() {
    return run.task(index);
  }

  @Override
  public TaskContext context() {
    return this;
  }

  /** Kept by the engine while this try runs, when its task has an executionTimeout. */
  @Override
  public void onTimeout(Supplier<String> detail) {
    run.timeoutDetail(index, tryNumber(), detail);
  }

  @Override
  public boolean start(TryCanceller canceller) {
    return run.startTry(index, tryNumber(), canceller);
  }

  @Override
  public boolean cancelWith(TryCanceller canceller) {
    return run.cancelWith(index, tryNumber(), canceller);
  }

  @Override
  public void succeeded(Object output) {
    run.report(index, tryNumber(), output, null);
  }

  @Override
  public void failed(Throwable error) {
    run.report(index, tryNumber(), null, error);
  }

  /** Runs this try, and the tries it keeps for this thread, on the local launcher's thread. */
  @Override
  public void run() {
    ((LocalTaskLauncher) run.launcher()).runTries(run, index, tryNumber());
  }
}
