package io.processflow.runtime.execution;

import java.time.Duration;

/**
 * Runs an action after a delay without holding a worker thread meanwhile: retries wait on it and
 * execution timeouts fire from it. The runner's default uses one daemon timer thread; tests supply
 * a manual one to check timing without sleeping.
 */
@FunctionalInterface
public interface DelayScheduler {
  /** Runs {@code action} once after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Duration delay, Runnable action);

  /** A scheduled action that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Stops the action from running, if it has not run yet. */
    void cancel();
  }
}
