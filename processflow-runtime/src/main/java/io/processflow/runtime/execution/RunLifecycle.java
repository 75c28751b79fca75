package io.processflow.runtime.execution;

/** Where a run is in its life; it only moves down this list (a cancel may follow fail-fast). */
enum RunLifecycle {
  /** Tasks are decided and launched as their upstream tasks end. */
  RUNNING,
  /** A task failed with fail-fast on: tries were stopped, unstarted tasks skipped; it drains. */
  FAILING_FAST,
  /** Cancelled: tries were stopped, unstarted tasks keep their state for a resume; it drains. */
  CANCELLING,
  /** Its end is recorded; reports of tries that went on are ignored. */
  FINISHED,
  /** The store rejected a transition: its result failed, and nothing more is recorded. */
  ABORTED;

  /** Nothing new may be scheduled: a stop is draining the run's slots. */
  boolean stopping() {
    return this == FAILING_FAST || this == CANCELLING;
  }

  /** Its end is decided: nothing is recorded any more. */
  boolean over() {
    return this == FINISHED || this == ABORTED;
  }
}
