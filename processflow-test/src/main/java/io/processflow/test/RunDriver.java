package io.processflow.test;

import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives a run to its end on a {@link TestClock}: whenever no task body has run on a thread for a
 * quiet spell and actions wait for the clock (a retry delay, a sensor's next poke, a timeout), it
 * moves the clock to the earliest of them. So a run with retries or sensors ends at once instead of
 * after real minutes, and tries happen in the order their times give.
 *
 * <p>An asynchronous task waiting on real I/O holds no thread, so a timeout set on it would fire
 * early under a driven clock: for such a task use {@link DagTester#start()} and advance the clock
 * yourself.
 */
final class RunDriver {
  /** How long the pool must stay idle before the clock moves: lets async completions land first. */
  private static final long QUIET_MILLIS = 20;

  private RunDriver() {}

  static RunResult drive(
      RunHandle handle, TestClock clock, TrackingExecutor executor, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    long lastStarted = -1;
    while (true) {
      try {
        return handle.result().get(QUIET_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // still running: below
      } catch (ExecutionException e) {
        throw unwrap(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.cancel();
        throw new IllegalStateException("interrupted while waiting for run " + handle.runId(), e);
      }
      if (System.nanoTime() - deadline > 0) {
        handle.cancel();
        throw new AssertionError(
            "run "
                + handle.runId()
                + " did not end within "
                + limit
                + " of real time; it was cancelled."
                + " A task may be blocked, or wait for something other than the clock\n"
                + handle.result().join().summaryTable());
      }
      long started = executor.started();
      boolean quiet = executor.active() == 0 && started == lastStarted;
      lastStarted = started;
      if (quiet && !handle.result().isDone()) {
        clock.advanceToNext();
      }
    }
  }

  /** Waits until the run has ended, or no body has run on a thread for a quiet spell. */
  static void settle(RunHandle handle, TrackingExecutor executor, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    long lastStarted = -1;
    while (!handle.result().isDone()) {
      long started = executor.started();
      if (executor.active() == 0 && started == lastStarted) {
        return;
      }
      lastStarted = started;
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "run " + handle.runId() + " kept a task running for " + limit + " of real time");
      }
      try {
        Thread.sleep(QUIET_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for run " + handle.runId(), e);
      }
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
  }
}
