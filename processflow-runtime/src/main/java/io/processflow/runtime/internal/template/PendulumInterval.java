package io.processflow.runtime.internal.template;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * pendulum 3's {@code Interval}, as {@code logical_date.diff(other)} returns it: {@code in_days()},
 * {@code in_weeks()}, {@code in_hours()}, {@code in_minutes()}, {@code in_seconds()}; prints {@code
 * <Interval [start -> end]>}.
 *
 * <p>As in pendulum ({@code precise_diff} in {@code pendulum/_helpers.py} and its Rust twin),
 * {@code in_days()} counts calendar days between the two local dates, so 23:00 to 01:00 the next
 * day is 1 day; the other units truncate the elapsed time.
 */
public final class PendulumInterval extends PyTimedelta {
  private final AirflowDateTime start;
  private final AirflowDateTime end;

  PendulumInterval(AirflowDateTime start, AirflowDateTime end) {
    super(microsBetween(start.toInstant(), end.toInstant()));
    this.start = start;
    this.end = end;
  }

  /** The microseconds from {@code start} to {@code end}, for any two dates of years 1 to 9999. */
  static long microsBetween(Instant start, Instant end) {
    Duration elapsed = Duration.between(start, end);
    return elapsed.getSeconds() * 1_000_000L + elapsed.getNano() / 1_000;
  }

  /**
   * pendulum 3's {@code Duration.days}: whole days of the elapsed time with its sign ({@code -1}
   * for minus a day and a half, where a timedelta says {@code -2}); a timedelta otherwise.
   */
  @Override
  public long getDays() {
    return Long.signum(signed()) * (Math.abs(wholeSeconds()) / 86_400L);
  }

  /** pendulum 3's {@code Duration.seconds}: the seconds past {@link #getDays}, with its sign. */
  @Override
  public long getSeconds() {
    return Long.signum(signed()) * (Math.abs(wholeSeconds()) % 86_400L);
  }

  /** pendulum 3's {@code Duration.microseconds}: Python's {@code total % 1}, in microseconds. */
  @Override
  public long getMicroseconds() {
    return Math.floorMod(micros(), 1_000_000L);
  }

  /** The elapsed seconds truncated toward zero, as Python's {@code int(total_seconds())}. */
  private long wholeSeconds() {
    return micros() / 1_000_000L;
  }

  /** pendulum's {@code _sign}: 1 for zero too. */
  private long signed() {
    return micros() < 0 ? -1 : 1;
  }

  @Override
  String repr() {
    return toString();
  }

  public long in_days() {
    return ChronoUnit.DAYS.between(start.local().toLocalDate(), end.local().toLocalDate());
  }

  /** Whole weeks of {@link #in_days}, towards zero. */
  public long in_weeks() {
    long days = in_days();
    return days < 0 ? -(-days / 7) : days / 7;
  }

  public long in_hours() {
    return micros() / 3_600_000_000L;
  }

  public long in_minutes() {
    return micros() / 60_000_000L;
  }

  public long in_seconds() {
    return micros() / 1_000_000L;
  }

  @Override
  public String toString() {
    return "<Interval [" + start + " -> " + end + "]>";
  }
}
