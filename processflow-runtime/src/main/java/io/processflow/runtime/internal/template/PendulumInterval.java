package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
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
public final class PendulumInterval implements PyishSerializable {
  private final AirflowDateTime start;
  private final AirflowDateTime end;

  PendulumInterval(AirflowDateTime start, AirflowDateTime end) {
    this.start = start;
    this.end = end;
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

  private long micros() {
    return ChronoUnit.MICROS.between(start.toInstant(), end.toInstant());
  }

  @Override
  public String toString() {
    return "<Interval [" + start + " -> " + end + "]>";
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }
}
