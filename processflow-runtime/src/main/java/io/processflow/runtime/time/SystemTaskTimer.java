package io.processflow.runtime.time;

import io.processflow.runtime.internal.time.WallClock;
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

  /** The wall clock to the microsecond, read through the monotonic clock (see WallClock). */
  @Override
  public Instant now() {
    return WallClock.at(System.nanoTime());
  }

  @Override
  public Future<?> schedule(Duration delay, Runnable action) {
    return scheduler.schedule(
        () -> ForkJoinPool.commonPool().execute(action),
        Math.max(0, delay.toNanos()),
        TimeUnit.NANOSECONDS);
  }
}
