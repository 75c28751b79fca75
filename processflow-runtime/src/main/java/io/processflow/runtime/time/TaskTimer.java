package io.processflow.runtime.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * Time for operators that wait: the current instant and delayed actions. Sensors, polling and
 * timeouts use it instead of sleeping, so a waiting task holds no thread, and tests substitute a
 * manual timer instead of waiting for real.
 */
public interface TaskTimer {
  /** Now, by this timer's clock. */
  Instant now();

  /**
   * Runs {@code action} once after {@code delay}; cancelling the returned future before then stops
   * it. Actions must not block for long: they may run on a shared thread.
   */
  Future<?> schedule(Duration delay, Runnable action);

  /**
   * The wall clock, to the microsecond, and one shared daemon thread that hands each due action to
   * the common pool.
   */
  static TaskTimer system() {
    return SystemTaskTimer.INSTANCE;
  }
}
