package io.processflow.runtime.operators;

import io.processflow.api.TaskContext;
import io.processflow.api.TypedOperator;

/**
 * Airflow's {@code EmptyOperator}: does nothing, outputs nothing (a {@code TypedOperator<Void>}, so
 * no {@code @From} can name it); useful to group or join tasks.
 */
public final class EmptyOperator implements TypedOperator<Void> {
  @Override
  public Object execute(TaskContext context) {
    return null;
  }

  @Override
  public String toString() {
    return "EmptyOperator";
  }
}
