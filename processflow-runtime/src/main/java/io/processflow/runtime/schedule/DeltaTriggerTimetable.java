package io.processflow.runtime.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A duration schedule ({@code PT6H}) as Airflow 3 runs a {@code timedelta} schedule ({@code
 * DeltaTriggerTimetable}): a run every {@code delta} of elapsed time from the start date (or from
 * now when there is none), each with a zero-length data interval.
 */
public final class DeltaTriggerTimetable extends TriggerTimetable {
  private final Duration delta;

  public DeltaTriggerTimetable(Duration delta) {
    this.delta = Objects.requireNonNull(delta, "delta");
    if (delta.isNegative() || delta.isZero()) {
      throw new IllegalArgumentException("schedule interval must be positive, not " + delta);
    }
  }

  public Duration delta() {
    return delta;
  }

  @Override
  Instant next(Instant current) {
    return current.plus(delta);
  }

  @Override
  Instant alignToNext(Instant current) {
    return current;
  }

  @Override
  Instant alignToPrev(Instant current) {
    return current;
  }

  @Override
  Instant firstRun(Instant now) {
    return now;
  }

  @Override
  public String summary() {
    return delta.toString();
  }
}
