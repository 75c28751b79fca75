package io.processflow.runtime.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A cron schedule read as Airflow 2 read it, available in Airflow 3 through {@code
 * create_cron_data_intervals} ({@code CronDataIntervalTimetable}): the data interval runs from one
 * tick to the next, the run's logical date is the interval's start, and it runs at the interval's
 * end.
 *
 * <ul>
 *   <li>With catchup, intervals follow one another from the first tick at or after the start date.
 *   <li>Without catchup, the first interval considered is the latest one that has ended by now
 *       (when now is a tick, the one that ends now), or the start date's when that is later.
 *   <li>An interval that starts after the end date is no run.
 * </ul>
 */
public final class CronDataIntervalTimetable implements Timetable {
  private final CronClock clock;

  /**
   * @throws IllegalArgumentException when {@code cron} is not a valid cron expression
   */
  public CronDataIntervalTimetable(String cron, ZoneId zone) {
    this.clock = new CronClock(cron, zone);
  }

  @Override
  public Optional<DagRunInfo> nextDagRunInfo(
      DataInterval lastAutomated, TimeRestriction restriction, Instant now) {
    Instant earliest = restriction.earliest();
    if (!restriction.catchup()) {
      earliest = skipToLatest(earliest, now);
    } else if (earliest != null) {
      earliest = clock.alignToNext(earliest);
    }
    Instant start;
    if (lastAutomated == null) {
      if (earliest == null) {
        return Optional.empty();
      }
      start = earliest;
    } else {
      Instant alignedEnd = clock.alignToPrev(lastAutomated.end());
      start = earliest != null && earliest.isAfter(alignedEnd) ? earliest : alignedEnd;
      if (lastAutomated.start().equals(lastAutomated.end())
          && start.equals(lastAutomated.start())) {
        // A zero-length last interval (a CronTriggerTimetable run before a switch to this
        // timetable): never propose its logical date again (apache/airflow#66132).
        start = clock.next(start);
      }
    }
    if (restriction.latest() != null && start.isAfter(restriction.latest())) {
      return Optional.empty();
    }
    return Optional.of(DagRunInfo.interval(start, clock.next(start)));
  }

  /**
   * The start of the latest interval that has ended by {@code now}, or the start date's tick when
   * later.
   */
  private Instant skipToLatest(Instant earliest, Instant now) {
    Instant lastStart = clock.prev(now);
    Instant nextStart = clock.next(lastStart);
    Instant newStart;
    if (nextStart.equals(now)) {
      newStart = lastStart;
    } else if (nextStart.isAfter(now)) {
      newStart = clock.prev(lastStart);
    } else {
      throw new IllegalStateException(
          "cron '"
              + clock.expression()
              + "': the tick after "
              + lastStart
              + " is "
              + nextStart
              + ", before "
              + now);
    }
    if (earliest == null) {
      return newStart;
    }
    Instant aligned = clock.alignToNext(earliest);
    return aligned.isAfter(newStart) ? aligned : newStart;
  }

  /**
   * A scheduled or backfill run's interval runs from its logical date to the next tick; a manual
   * run's is the last whole interval that ended at or before its logical date (Airflow's {@code
   * infer_manual_data_interval}: a run triggered at 01:00 on the 25th of a daily DAG processes the
   * 24th).
   */
  @Override
  public DataInterval dataInterval(RunType type, Instant logicalDate) {
    if (type != RunType.MANUAL) {
      return new DataInterval(logicalDate, clock.next(logicalDate));
    }
    Instant end = clock.alignToPrev(logicalDate);
    return new DataInterval(clock.prev(end), end);
  }

  @Override
  public String summary() {
    return clock.expression();
  }
}
