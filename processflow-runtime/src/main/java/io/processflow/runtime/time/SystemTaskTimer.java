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

  /**
   * The last instant {@link #now} returned. Racy on purpose: an Instant is immutable (final
   * fields), so any thread may read any value written here, and a miss only costs an allocation.
   */
  private Instant last = Instant.EPOCH;

  /**
   * The wall clock to the microsecond (Airflow's precision), and the same {@code Instant} object
   * for every call within one microsecond: a run stamps each of its transitions, several per task
   * within a microsecond, and a fresh 24-byte Instant for each was a fifth of a run's allocation
   * (RuntimeBench, bytes per task). The clock's own Instant does not escape, so the JIT elides it.
   */
  @Override
  public Instant now() {
    Instant clock = Instant.now();
    long seconds = clock.getEpochSecond();
    int nanos = clock.getNano() / 1_000 * 1_000;
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
