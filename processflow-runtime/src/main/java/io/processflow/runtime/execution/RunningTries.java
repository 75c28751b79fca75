package io.processflow.runtime.execution;

import java.util.concurrent.Future;

/**
 * What each running try holds: the canceller that stops its body, and its execution timeout's
 * timer task. Timeouts are allocated with the first task that has one.
 */
final class RunningTries {
  private final TryCanceller[] cancellers;
  private Future<?>[] timeouts;

  RunningTries(int tasks) {
    this.cancellers = new TryCanceller[tasks];
  }

  /** The running try of task {@code i} is stopped by {@code canceller} (from now on). */
  void hold(int i, TryCanceller canceller) {
    cancellers[i] = canceller;
  }

  /** The running try of task {@code i} times out with {@code timeout}. */
  void timeout(int i, Future<?> timeout) {
    if (timeouts == null) {
      timeouts = new Future<?>[cancellers.length];
    }
    timeouts[i] = timeout;
  }

  /** The try of task {@code i} ended: cancels its timeout, returns (and forgets) its canceller. */
  TryCanceller release(int i) {
    TryCanceller canceller = cancellers[i];
    cancellers[i] = null;
    Future<?> timeout = timeouts == null ? null : timeouts[i];
    if (timeout != null) {
      timeouts[i] = null;
      timeout.cancel(false);
    }
    return canceller;
  }
}
