package io.processflow.runtime.schedule;

import java.time.Instant;
import java.util.Optional;

/** No schedule, manual runs only: Airflow's {@code NullTimetable} ({@code schedule=None}). */
public final class NullTimetable implements Timetable {
  public static final NullTimetable INSTANCE = new NullTimetable();

  private NullTimetable() {}

  @Override
  public Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    return Optional.empty();
  }

  @Override
  public String summary() {
    return "None";
  }

  @Override
  public boolean canBeScheduled() {
    return false;
  }
}
