package io.processflow.test;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs' executor: a pool that counts the task bodies it is running and every body it ever
 * started, so that {@link RunDriver} can tell a run waiting for the clock from a run still working.
 */
final class TrackingExecutor implements Executor, AutoCloseable {
  private final ExecutorService pool;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong started = new AtomicLong();

  TrackingExecutor(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread =
              new Thread(runnable, "processflow-test-worker-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  @Override
  public void execute(Runnable command) {
    active.incrementAndGet();
    started.incrementAndGet();
    try {
      pool.execute(
          () -> {
            try {
              command.run();
            } finally {
              active.decrementAndGet();
            }
          });
    } catch (RuntimeException e) {
      active.decrementAndGet();
      throw e;
    }
  }

  /** Bodies running now. */
  int active() {
    return active.get();
  }

  /** Bodies started so far. */
  long started() {
    return started.get();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
