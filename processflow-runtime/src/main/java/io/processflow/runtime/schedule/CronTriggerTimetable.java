package io.processflow.runtime.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A cron schedule as Airflow 3 runs it by default ({@code CronTriggerTimetable}): each tick of the
 * cron, in the DAG's time zone, is a run whose logical date, data interval start and end, and
 * {@code run_after} are the tick. The DST rules are {@link CronClock}'s.
 */
public final class CronTriggerTimetable extends TriggerTimetable {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private final CronClock clock;

  /**
   * @throws IllegalArgumentException when {@code cron} is not a valid cron expression
   */
  public CronTriggerTimetable(String cron, ZoneId zone) {
    this.clock = new CronClock(cron, zone);
  }

  @Override
  Instant next(Instant current) {
    return clock.next(current);
  }

  @Override
  Instant alignToNext(Instant current) {
    return clock.alignToNext(current);
  }

  @Override
  Instant alignToPrev(Instant current) {
    return clock.alignToPrev(current);
  }

  /**
   * Without a start date and with Airflow's default {@code run_immediately=False} ({@code
   * _calc_first_run}): the most recent tick when now is within a tenth of the period after it (at
   * least 5 minutes), else the next tick.
   */
  @Override
  Instant firstRun(Instant now) {
    Instant past = clock.alignToPrev(now);
    Instant next = clock.alignToNext(now);
    Duration buffer = Duration.between(past, next).dividedBy(10);
    if (buffer.compareTo(FIVE_MINUTES) < 0) {
      buffer = FIVE_MINUTES;
    }
    return Duration.between(past, now).compareTo(buffer) <= 0 ? past : next;
  }

  @Override
  public String summary() {
    return clock.expression();
  }
}
