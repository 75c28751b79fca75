package io.processflow.runtime.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code @once}: one run, at the start date (or now when there is none), whatever catchup says:
 * Airflow's {@code OnceTimetable}.
 */
public final class OnceTimetable implements Timetable {
  public static final OnceTimetable INSTANCE = new OnceTimetable();

  private OnceTimetable() {}

  @Override
  public Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    if (lastAutomated != null) {
      return Optional.empty();
    }
    Instant runAfter = restriction.earliest() != null ? restriction.earliest() : now;
    if (restriction.latest() != null && runAfter.isAfter(restriction.latest())) {
      return Optional.empty();
    }
    return Optional.of(DagRunInfo.exact(runAfter));
  }

  @Override
  public boolean periodic() {
    return false;
  }

  @Override
  public String summary() {
    return "@once";
  }
}
