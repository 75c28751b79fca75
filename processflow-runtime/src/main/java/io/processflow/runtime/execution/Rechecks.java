package io.processflow.runtime.execution;

import java.util.concurrent.Future;

/**
 * What the run remembers of its tasks for checking a task again while it waits to retry, as
 * Airflow's scheduler checks an {@code up_for_retry} task at each pass (see
 * RunStateMachine#recheck): the direct children a branch or short circuit skipped while they ran
 * ({@code NotPreviouslySkippedDep} skips such a task instead of retrying it), and the tasks whose
 * retry delay passed while their trigger rule did not hold, and the timers of tasks waiting to
 * retry. All are allocated when first needed.
 */
final class Rechecks {
  private final int n;
  private boolean[] unfollowed;
  private boolean[] due;

  /** The pending retry timer of each task waiting to retry, to cancel when it ends otherwise. */
  private Future<?>[] retryTimers;

  Rechecks(int n) {
    this.n = n;
  }

  /** A branch or short circuit directly above task {@code i} skipped it while it ran. */
  void unfollow(int i) {
    (unfollowed == null ? unfollowed = new boolean[n] : unfollowed)[i] = true;
  }

  boolean unfollowed(int i) {
    return unfollowed != null && unfollowed[i];
  }

  /** Task {@code i}'s retry delay passed while its rule did not hold: it retries once it does. */
  void due(int i) {
    (due == null ? due = new boolean[n] : due)[i] = true;
  }

  /** Whether task {@code i}'s retry was due (see {@link #due}); forgets it. */
  boolean takeDue(int i) {
    boolean wasDue = due != null && due[i];
    if (wasDue) {
      due[i] = false;
    }
    return wasDue;
  }

  /** Task {@code i} waits to retry on {@code timer}. */
  void retryTimer(int i, Future<?> timer) {
    (retryTimers == null ? retryTimers = new Future<?>[n] : retryTimers)[i] = timer;
  }

  /**
   * Task {@code i} ended while waiting to retry (a recheck, a cancel, fail-fast): its timer would
   * find it ended and do nothing, but would keep the run in memory until its delay passed.
   */
  void cancelRetryTimer(int i) {
    if (retryTimers != null && retryTimers[i] != null) {
      retryTimers[i].cancel(false);
      retryTimers[i] = null;
    }
  }
}
