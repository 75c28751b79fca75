package io.processflow.runtime.execution;

/**
 * What the run remembers of its tasks for checking a task again while it waits to retry, as
 * Airflow's scheduler checks an {@code up_for_retry} task at each pass (see
 * RunStateMachine#recheck): the direct children a branch or short circuit skipped while they ran
 * ({@code NotPreviouslySkippedDep} skips such a task instead of retrying it), and the tasks whose
 * retry delay passed while their trigger rule did not hold. Both are allocated when first needed.
 */
final class Rechecks {
  private final int n;
  private boolean[] unfollowed;
  private boolean[] due;

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
}
