package io.processflow.runtime.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link TaskTimer#system()}: one daemon thread schedules; due actions run on the common pool. */
final class SystemTaskTimer implements TaskTimer {
  static final SystemTaskTimer INSTANCE = new SystemTaskTimer();

  private final ScheduledThreadPoolExecutor scheduler;

  private SystemTaskTimer() {
    scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "processflow-timer");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** How long {@link #now} counts on from one reading of the wall clock: 100 ms. */
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

  private Sync sync = Sync.now();

  /**
   * The last instant {@link #now} returned. Racy on purpose, as {@link #sync}: an Instant is
   * immutable (final fields), and a miss only costs an allocation.
   */
  private Instant last = Instant.EPOCH;

  /**
   * The wall clock to the microsecond (Airflow's precision), counted on from a reading of it by the
   * monotonic clock, and read again every 100 ms; and the same {@code Instant} object for every
   * call within one microsecond. A run stamps every locked section of its engine, one or more per
   * task: the monotonic clock costs 28 ns here against the wall clock's 40 (a seventh of a chain
   * task's time; RuntimeBench), and a fresh 24-byte Instant per section was a fifth of a run's
   * allocation. Between two readings the wall clock may drift from the monotonic one by NTP's slew
   * at most (0.5 ms per second, so 50 us per 100 ms), and a step of it (set by hand) shows within
   * 100 ms.
   */
  @Override
  public Instant now() {
    long nanoTime = System.nanoTime();
    Sync base = sync;
    long elapsed = nanoTime - base.nanoTime;
    if (elapsed < 0 || elapsed >= RESYNC_NANOS) {
      base = Sync.now();
      sync = base;
      elapsed = 0;
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

  @Override
  public Future<?> schedule(Duration delay, Runnable action) {
    return scheduler.schedule(
        () -> ForkJoinPool.commonPool().execute(action),
        Math.max(0, delay.toNanos()),
        TimeUnit.NANOSECONDS);
  }
}
