package io.processflow.runtime.execution;

import io.processflow.api.TaskContext;
import io.processflow.runtime.dsl.TaskDefinition;
import java.util.function.Supplier;

/**
 * The engine's {@link TaskTry}: one object serves as the launcher's handle and as the body's {@link
 * TaskContext}. The local launcher runs it as the task it submits to its executor (no lambda per
 * try), and makes its own for the tries a thread keeps (see LocalTaskLauncher).
 */
final class EngineTry extends DefaultTaskContext implements TaskTry, Runnable {
  /** The task's index in its DAG. */
  final int index;

  EngineTry(RunExecution run, int index, int tryNumber) {
    super(run, run.dag().taskIds().get(index), tryNumber);
    this.index = index;
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
