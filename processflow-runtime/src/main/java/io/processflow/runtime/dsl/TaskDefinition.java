package io.processflow.runtime.dsl;

import io.processflow.api.Operator;

/** One validated task of a {@link DagDefinition}. */
public final class TaskDefinition {
  private final int index;
  private final String taskId;
  private final Operator operator;
  private final boolean allowToFail;

  TaskDefinition(int index, String taskId, Operator operator, boolean allowToFail) {
    this.index = index;
    this.taskId = taskId;
    this.operator = operator;
    this.allowToFail = allowToFail;
  }

  /** Its position in the DAG's declaration order, from 0. */
  public int index() {
    return index;
  }

  public String taskId() {
    return taskId;
  }

  public Operator operator() {
    return operator;
  }

  /** True when its failure neither fails its downstream tasks nor the run. */
  public boolean allowToFail() {
    return allowToFail;
  }

  @Override
  public String toString() {
    return "Task[" + taskId + "]";
  }
}
