package io.processflow.runtime.internal.time;

import java.time.Instant;

/**
 * The wall clock to the microsecond (Airflow's precision), counted on from a reading of it by the
 * monotonic clock, and read again every 100 ms; and the same {@code Instant} object for every call
 * within one microsecond. {@code TaskTimer.system()} tells the time with it, and the run engine,
 * which reads the monotonic clock once per locked section anyway (see RunExecution), turns that one
 * reading into the section's instant here instead of reading the clock a second time.
 *
 * <p>A run stamps every locked section of its engine, one or more per task: the monotonic clock
 * costs 28 ns here against the wall clock's 40 (a seventh of a chain task's time; RuntimeBench),
 * and a fresh 24-byte Instant per section was a fifth of a run's allocation. Between two readings
 * the wall clock may drift from the monotonic one by NTP's slew at most (0.5 ms per second, so 50
 * us per 100 ms), and a step of it (set by hand) shows within 100 ms.
 */
public final class WallClock {
  /** How long {@link #at} counts on from one reading of the wall clock: 100 ms. */
  private static final long RESYNC_NANOS = 100_000_000L;

  /**
   * A reading of the wall clock (to the microsecond) and of the monotonic clock at the same moment.
   * Immutable, so any thread may read any one written here (a miss costs a resync).
   */
  private record Sync(long nanoTime, long epochSecond, long microOfSecond) {
    static Sync now() {
      Instant wall = Instant.now();
      return new Sync(System.nanoTime(), wall.getEpochSecond(), wall.getNano() / 1_000);
    }
  }

  private static Sync sync = Sync.now();

  /**
   * The last instant {@link #at} returned. Racy on purpose, as {@link #sync}: an Instant is
   * immutable (final fields), and a miss only costs an allocation.
   */
  private static Instant last = Instant.EPOCH;

  private WallClock() {}

  /** The wall clock's instant at {@code nanoTime}, a reading of {@link System#nanoTime()}. */
  public static Instant at(long nanoTime) {
    Sync base = sync;
    long elapsed = nanoTime - base.nanoTime;
    if (elapsed < 0 || elapsed >= RESYNC_NANOS) {
      base = Sync.now();
      sync = base;
      elapsed = Math.max(0, nanoTime - base.nanoTime);
    }
    long micros = base.microOfSecond + elapsed / 1_000;
    long seconds = base.epochSecond + micros / 1_000_000;
    int nanos = (int) (micros % 1_000_000) * 1_000;
    Instant cached = last;
    if (cached.getNano() == nanos && cached.getEpochSecond() == seconds) {
      return cached;
    }
    Instant fresh = Instant.ofEpochSecond(seconds, nanos);
    last = fresh;
    return fresh;
  }
}
