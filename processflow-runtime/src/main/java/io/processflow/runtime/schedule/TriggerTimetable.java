package io.processflow.runtime.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * The catchup rules shared by {@link CronTriggerTimetable} and {@link DeltaTriggerTimetable}
 * (Airflow's {@code _TriggerTimetable.next_dagrun_info}): each tick is a run whose logical date is
 * the tick itself, with a zero-length data interval.
 *
 * <ul>
 *   <li>With catchup, the next run follows the last one; the first is the first tick at or after
 *       the start date.
 *   <li>Without catchup, the next run is the latest of: the most recent tick at or before now, the
 *       tick after the last run, the first tick at or after the start date.
 *   <li>A tick after the end date is no run.
 * </ul>
 */
abstract class TriggerTimetable implements Timetable {
  abstract Instant next(Instant current);

  abstract Instant alignToNext(Instant current);

  abstract Instant alignToPrev(Instant current);

  /**
   * The first run when there is neither a last run nor a start date (Airflow's {@code
   * _calc_first_run}).
   */
  abstract Instant firstRun(Instant now);

  @Override
  public final Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    Instant next;
    if (restriction.catchup()) {
      if (lastAutomated != null) {
        next = next(lastAutomated.end());
      } else if (restriction.earliest() == null) {
        next = firstRun(now);
      } else {
        next = alignToNext(restriction.earliest());
      }
    } else {
      next = alignToPrev(now);
      if (lastAutomated != null) {
        next = latest(next, next(lastAutomated.end()));
      } else if (restriction.earliest() == null) {
        next = latest(next, firstRun(now));
      }
      if (restriction.earliest() != null) {
        next = latest(next, alignToNext(restriction.earliest()));
      }
    }
    if (restriction.latest() != null && restriction.latest().isBefore(next)) {
      return Optional.empty();
    }
    return Optional.of(DagRunInfo.exact(next));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
