package io.processflow.runtime.execution;

import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * What each running try holds: the canceller that stops its body, and its execution timeout's timer
 * task, and what its operator wants that timeout's error to say (see RunTimer#onTimeout). Timeouts
 * and their words are allocated with the first task that has a timeout.
 */
final class RunningTries {
  private final TryCanceller[] cancellers;
  private Future<?>[] timeouts;
  private Supplier<?>[] timeoutDetails;

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
      timeoutDetails = new Supplier<?>[cancellers.length];
    }
    timeouts[i] = timeout;
  }

  /**
   * Keeps what the running try of task {@code i} says when it times out; ignored without a timeout.
   */
  void timeoutDetail(int i, Supplier<String> detail) {
    if (timeouts != null && timeouts[i] != null) {
      timeoutDetails[i] = detail;
    }
  }

  /** What the running try of task {@code i} says when it times out, or null. */
  @SuppressWarnings("unchecked")
  Supplier<String> timeoutDetail(int i) {
    return timeoutDetails == null ? null : (Supplier<String>) timeoutDetails[i];
  }

  /** The try of task {@code i} ended: cancels its timeout, returns (and forgets) its canceller. */
  TryCanceller release(int i) {
    TryCanceller canceller = cancellers[i];
    cancellers[i] = null;
    Future<?> timeout = timeouts == null ? null : timeouts[i];
    if (timeout != null) {
      timeouts[i] = null;
      timeoutDetails[i] = null;
      timeout.cancel(false);
    }
    return canceller;
  }
}
