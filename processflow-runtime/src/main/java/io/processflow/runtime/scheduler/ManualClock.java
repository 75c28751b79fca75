package io.processflow.runtime.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told, for the {@link Scheduler}'s tests and simulations: months of
 * schedule in milliseconds. Thread-safe; always UTC.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  public ManualClock(Instant now) {
    this.now = Objects.requireNonNull(now, "now");
  }

  /** Moves the clock {@code by} forward (or back, for a negative duration). */
  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  /** Sets the clock to {@code to}. */
  public void set(Instant to) {
    now = Objects.requireNonNull(to, "to");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a ManualClock is always UTC");
  }
}
