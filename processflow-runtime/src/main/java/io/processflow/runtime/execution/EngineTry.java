package io.processflow.runtime.execution;

import io.processflow.api.TaskContext;
import io.processflow.runtime.dsl.TaskDefinition;

/**
 * The engine's {@link TaskTry}: one object per try serves as the launcher's handle and as the
 * body's {@link TaskContext}, so a try allocates nothing more than its context (RuntimeBench,
 * bytes per task).
 */
final class EngineTry extends DefaultTaskContext implements TaskTry {
  /** The task's index in its DAG. */
  final int index;
  /** Set under the engine's lock by the report that recorded this try a success (for its log). */
  boolean succeeded;

  EngineTry(RunExecution run, int index, int tryNumber) {
    super(run, run.dag().taskIds().get(index), tryNumber);
    this.index = index;
  }

  @Override
  public TaskDefinition task() {
    return run.dag().tasks().get(index);
  }

  @Override
  public TaskContext context() {
    return this;
  }

  @Override
  public boolean start(TryCanceller canceller) {
    return run.startTry(this, canceller);
  }

  @Override
  public boolean cancelWith(TryCanceller canceller) {
    return run.cancelWith(this, canceller);
  }

  @Override
  public void succeeded(Object output) {
    run.report(this, output, null);
  }

  @Override
  public void failed(Throwable error) {
    run.report(this, null, error);
  }
}
