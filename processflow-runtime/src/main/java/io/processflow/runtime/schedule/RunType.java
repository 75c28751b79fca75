package io.processflow.runtime.schedule;

import java.time.Instant;

/**
 * How a run came about, Airflow's {@code DagRunType}: its run id starts with the type's name and
 * two underscores ({@code scheduled__2024-01-01T00:00:00+00:00}), as Airflow's {@code
 * generate_run_id} writes it.
 */
public enum RunType {
  /** Started by hand: {@code run}, or {@code DagRunner} without a run id of another type. */
  MANUAL("manual"),
  /** Started by the scheduler for one of the timetable's runs. */
  SCHEDULED("scheduled"),
  /** Started by {@code backfill} for a past run of the timetable. */
  BACKFILL("backfill");

  private final String value;

  RunType(String value) {
    this.value = value;
  }

  /** The name Airflow gives the type: {@code manual}, {@code scheduled}, {@code backfill}. */
  public String value() {
    return value;
  }

  /** The id of the run of this type with logical date {@code logicalDate}. */
  public String runId(Instant logicalDate) {
    return value + "__" + RunIds.isoformat(logicalDate);
  }

  /**
   * The type of the run {@code runId}: read from its prefix, {@link #MANUAL} for an id without one
   * of the known prefixes (a {@code --run-id} of the user's own).
   */
  public static RunType ofRunId(String runId) {
    if (runId.startsWith("scheduled__")) {
      return SCHEDULED;
    }
    if (runId.startsWith("backfill__")) {
      return BACKFILL;
    }
    return MANUAL;
  }

  /** The type named {@code value} ({@code scheduled}), or null when it is none of them. */
  public static RunType ofValue(String value) {
    for (RunType type : values()) {
      if (type.value.equals(value)) {
        return type;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }
}
