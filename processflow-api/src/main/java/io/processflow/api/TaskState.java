package io.processflow.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * The state of one task in one run, with Airflow's names ({@link #toString()} gives them: {@code
 * upstream_failed}, ...).
 *
 * <p>A task goes {@code none -> scheduled} (its upstream tasks have ended) {@code -> queued} (it
 * has a slot under {@code maxActiveTasks}) {@code -> running -> success | failed}; a task whose
 * upstream failed goes straight from {@code none} to {@code upstream_failed}. The runtime records
 * {@code scheduled} and {@code queued} only when a task waits in them: a task that gets a slot and
 * a thread at once goes from {@code none} straight to {@code running}.
 */
public enum TaskState {
  /** Not yet scheduled: some upstream task has not ended. */
  NONE,
  /** Its upstream tasks have ended; waiting for a slot (recorded only when it has to wait). */
  SCHEDULED,
  /** Has a slot and was handed to the executor; waiting for a worker thread. */
  QUEUED,
  /** Its operator is executing (or its asynchronous result is pending). */
  RUNNING,
  /** Ended without error. */
  SUCCESS,
  /** Ended with an error. */
  FAILED,
  /** Was not run because a branch or short-circuit decided so. */
  SKIPPED,
  /** Was not run because an upstream task failed. */
  UPSTREAM_FAILED,
  /** Failed and will be tried again. */
  UP_FOR_RETRY,
  /** The task is no longer in the DAG (seen when a run recorded under an older DAG is resumed). */
  REMOVED;

  private final String airflowName = name().toLowerCase(Locale.ROOT);

  /** True for the states a task never leaves within a run. */
  public boolean isTerminal() {
    return switch (this) {
      case SUCCESS, FAILED, SKIPPED, UPSTREAM_FAILED, REMOVED -> true;
      default -> false;
    };
  }

  /** Airflow's name of the state, such as {@code upstream_failed}. */
  @Override
  public String toString() {
    return airflowName;
  }

  /** The state with Airflow's name {@code name} (case-insensitive). */
  public static TaskState fromAirflowName(String name) {
    for (TaskState state : values()) {
      if (state.airflowName.equalsIgnoreCase(name)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "Unknown task state '" + name + "'; expected one of " + Arrays.toString(values()));
  }
}
