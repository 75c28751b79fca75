package io.processflow.runtime.operators;

import java.time.Duration;
import java.util.Objects;

/**
 * How to wait for something: check, then wait an interval that starts at {@code minInterval} and is
 * multiplied by {@code multiplier} after each check, never above {@code maxInterval}, until {@code
 * timeout} has passed since the first check. The original's polling helper for long jobs multiplies
 * by 1.5 and gives up after 3,600 s.
 */
public final class PollingPolicy {
  private final Duration minInterval;
  private final Duration maxInterval;
  private final double multiplier;
  private final Duration timeout;

  private PollingPolicy(
      Duration minInterval, Duration maxInterval, double multiplier, Duration timeout) {
    this.minInterval = positive(minInterval, "minInterval");
    this.maxInterval = positive(maxInterval, "maxInterval");
    this.timeout = positive(timeout, "timeout");
    if (maxInterval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException(
          "maxInterval " + maxInterval + " is below minInterval " + minInterval);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1; was " + multiplier);
    }
    this.multiplier = multiplier;
  }

  /**
   * Intervals from {@code min}, ×1.5 each time, capped at {@code max}; gives up after {@code
   * timeout}.
   */
  public static PollingPolicy backoff(Duration min, Duration max, Duration timeout) {
    return new PollingPolicy(min, max, 1.5, timeout);
  }

  /** The same {@code interval} every time; gives up after {@code timeout}. */
  public static PollingPolicy fixed(Duration interval, Duration timeout) {
    return new PollingPolicy(interval, interval, 1.0, timeout);
  }

  /**
   * BigQuery's default: 1 s, ×1.5, at most 60 s, for up to 3,600 s (the original starts at 60 s,
   * which makes every job take at least a minute).
   */
  public static PollingPolicy bigQueryDefault() {
    return backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(3600));
  }

  public Duration minInterval() {
    return minInterval;
  }

  public Duration maxInterval() {
    return maxInterval;
  }

  public double multiplier() {
    return multiplier;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The interval after {@code current}: ×multiplier, capped at the maximum. */
  public Duration next(Duration current) {
    double nanos = current.toNanos() * multiplier;
    return nanos >= maxInterval.toNanos() ? maxInterval : Duration.ofNanos((long) nanos);
  }

  /** This policy with another {@code timeout}. */
  public PollingPolicy withTimeout(Duration timeout) {
    return new PollingPolicy(minInterval, maxInterval, multiplier, timeout);
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive; was " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "PollingPolicy[every "
        + minInterval
        + " x"
        + multiplier
        + " up to "
        + maxInterval
        + ", timeout "
        + timeout
        + "]";
  }
}
