package io.processflow.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * When a task may run, given the states of its direct upstream tasks: Airflow 3's trigger rules,
 * with Airflow's names ({@link #toString()} gives {@code all_success}, ...).
 *
 * <p>"Failed" counts {@code failed} and {@code upstream_failed} unless said otherwise; a task
 * marked {@code allowToFail} that failed counts as a success for its downstream tasks. A rule
 * decides as soon as the upstream tasks ended so far decide it, as Airflow's scheduler does; when
 * it can no longer be met the task ends without running: {@code skipped} or {@code
 * upstream_failed}.
 */
public enum TriggerRule {
  /**
   * All upstream succeeded (the default). A failure upstream: upstream_failed; else a skip: skipped
   * (both at once, so a skip followed by a failure ends it skipped).
   */
  ALL_SUCCESS,
  /** All upstream failed or upstream_failed; any success or skip: skipped. */
  ALL_FAILED,
  /** All upstream ended, whatever their state. */
  ALL_DONE,
  /**
   * All upstream ended, none skipped, and at least one succeeded; a skip: skipped (at once;
   * Airflow's code, where its release notes count a skip as done); none succeeded: upstream_failed.
   */
  ALL_DONE_MIN_ONE_SUCCESS,
  /** All upstream skipped; any success or failure: skipped. */
  ALL_SKIPPED,
  /**
   * At least one upstream succeeded (fires before the others end); none did: skipped if all
   * skipped, else upstream_failed.
   */
  ONE_SUCCESS,
  /** At least one upstream failed (fires early); none did: skipped. */
  ONE_FAILED,
  /**
   * At least one upstream succeeded or failed, upstream_failed not counted (fires early); none did:
   * skipped.
   */
  ONE_DONE,
  /** No upstream failed (all succeeded or were skipped); a failure: upstream_failed. */
  NONE_FAILED,
  /**
   * No upstream failed and at least one succeeded: the join after a branch. All skipped: skipped.
   */
  NONE_FAILED_MIN_ONE_SUCCESS,
  /** No upstream was skipped (waits for all); a skip: skipped. */
  NONE_SKIPPED,
  /** No dependency at all: runs as soon as the run starts. */
  ALWAYS;

  private final String airflowName = name().toLowerCase(Locale.ROOT);

  @Override
  public String toString() {
    return airflowName;
  }

  /** The rule with Airflow's name {@code name} (case-insensitive). */
  public static TriggerRule fromAirflowName(String name) {
    for (TriggerRule rule : values()) {
      if (rule.airflowName.equalsIgnoreCase(name)) {
        return rule;
      }
    }
    throw new IllegalArgumentException(
        "Unknown trigger rule '" + name + "'; expected one of " + Arrays.toString(values()));
  }
}
