package io.processflow.runtime.operators;

import io.processflow.api.Operator;
import io.processflow.api.TaskContext;

/** Airflow's {@code EmptyOperator}: does nothing, outputs nothing; useful to group or join tasks. */
public final class EmptyOperator implements Operator {
  @Override
  public Object execute(TaskContext context) {
    return null;
  }

  @Override
  public String toString() {
    return "EmptyOperator";
  }
}
