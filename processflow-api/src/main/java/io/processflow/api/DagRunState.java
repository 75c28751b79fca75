package io.processflow.api;

import java.util.Arrays;
import java.util.Locale;

/** The state of a DAG run, with Airflow's names. */
public enum DagRunState {
  QUEUED,
  RUNNING,
  SUCCESS,
  FAILED;

  private final String airflowName = name().toLowerCase(Locale.ROOT);

  /** True once the run has ended. */
  public boolean isTerminal() {
    return this == SUCCESS || this == FAILED;
  }

  @Override
  public String toString() {
    return airflowName;
  }

  /** The state with Airflow's name {@code name} (case-insensitive). */
  public static DagRunState fromAirflowName(String name) {
    for (DagRunState state : values()) {
      if (state.airflowName.equalsIgnoreCase(name)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "Unknown DAG run state '" + name + "'; expected one of " + Arrays.toString(values()));
  }
}
