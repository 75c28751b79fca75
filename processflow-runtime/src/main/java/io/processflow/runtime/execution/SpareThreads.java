package io.processflow.runtime.execution;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor that replaces the threads that timed-out task bodies still hold.
 *
 * <p>A try that times out ends at once: its task fails (or is retried), its slot is free, and its
 * downstream tasks are decided. Its thread is interrupted, and a body that heeds the interrupt
 * (Bash, the operators, a template render) returns and frees it. Java cannot stop a thread that
 * ignores its interrupt, so the run gives such a body up ({@link #lost}): while it runs on, every
 * task handed to this executor runs on a new daemon thread instead of waiting for a pool thread, up
 * to one spare per lost thread, so the pool keeps its size in threads that still work. When a lost
 * body finally returns, {@link #returned} gives its thread back to the pool. A task the wrapped
 * executor had already accepted before the loss still waits for one of its threads (with the
 * runner's own pool, one thread per slot, there is none).
 */
final class SpareThreads implements Executor {
  private final Executor executor;

  /** Threads held by bodies whose try ended while they kept running. */
  private final AtomicInteger lost = new AtomicInteger();

  /** Spare threads running now. */
  private final AtomicInteger spares = new AtomicInteger();

  private final AtomicInteger created = new AtomicInteger();

  SpareThreads(Executor executor) {
    this.executor = executor;
  }

  /** A body whose try ended keeps running on its thread. */
  void lost() {
    lost.incrementAndGet();
  }

  /** A body that {@link #lost} counted has returned: its thread works for the pool again. */
  void returned() {
    lost.decrementAndGet();
  }

  @Override
  public void execute(Runnable task) {
    // The common case costs one volatile read: no thread was lost.
    for (int s = spares.get(); s < lost.get(); s = spares.get()) {
      if (spares.compareAndSet(s, s + 1)) {
        Thread spare =
            new Thread(() -> runSpare(task), "processflow-spare-" + created.incrementAndGet());
        spare.setDaemon(true);
        try {
          spare.start();
          return;
        } catch (RuntimeException | Error e) { // no thread to be had: the pool takes it
          spares.decrementAndGet();
          break;
        }
      }
    }
    executor.execute(task);
  }

  private void runSpare(Runnable task) {
    try {
      task.run();
    } finally {
      spares.decrementAndGet();
    }
  }
}
