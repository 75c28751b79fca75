package io.processflow.runtime.execution;

import io.processflow.api.TaskState;
import io.processflow.runtime.internal.dag.DagIndex;

/**
 * Where a task is in one run, as the engine sees it. Not a {@link TaskState}: a task's recorded
 * state lags or skips phases (a task handed straight to the thread that freed its slot is never
 * recorded {@code queued}), and the four ended phases say what an end means to the downstream
 * tasks. Bytes, not an enum, because a run holds one per task (RuntimeBench, bytes per task).
 */
final class TaskPhase {
  /** Waits for its upstream tasks' ends to meet its trigger rule. */
  static final byte WAITING = 0;

  /** Its trigger rule let it run; it waits in the ready queue for a slot. */
  static final byte READY = 1;

  /** Holds a slot and was handed to the launcher; its try has not started. */
  static final byte HANDED_OUT = 2;

  /** Its try started; the engine waits for the outcome. */
  static final byte IN_TRY = 3;

  /** A try failed and tries remain; it waits out the retry delay. */
  static final byte BACKING_OFF = 4;

  /** Was handed out when the run was cancelled: never starts, keeps its state for a resume. */
  static final byte SHELVED = 5;

  /** Ended in success, or failed but allowed to: counts as a success downstream. */
  static final byte ENDED_OK = 6;

  /** Ended failed. */
  static final byte ENDED_FAILED = 7;

  /** Ended skipped. */
  static final byte ENDED_SKIPPED = 8;

  /** Ended upstream_failed, without running. */
  static final byte ENDED_UPSTREAM_FAILED = 9;

  private TaskPhase() {}

  /** The task's state as Airflow names it, for a task in {@code phase}. */
  static TaskState state(byte phase) {
    return switch (phase) {
      case WAITING -> TaskState.NONE;
      case READY -> TaskState.SCHEDULED;
      case HANDED_OUT, SHELVED -> TaskState.QUEUED;
      case IN_TRY -> TaskState.RUNNING;
      case BACKING_OFF -> TaskState.UP_FOR_RETRY;
      case ENDED_OK -> TaskState.SUCCESS;
      case ENDED_SKIPPED -> TaskState.SKIPPED;
      case ENDED_UPSTREAM_FAILED -> TaskState.UPSTREAM_FAILED;
      default -> TaskState.FAILED;
    };
  }

  /** Whether an ended leaf task in {@code phase} fails its run (Airflow's rule). */
  static boolean failsRun(byte phase) {
    return phase == ENDED_FAILED || phase == ENDED_UPSTREAM_FAILED;
  }

  /** Airflow's rule: a run fails when one of its leaf tasks failed or is upstream_failed. */
  static boolean aLeafFailsTheRun(DagIndex byIndex, byte[] phase) {
    for (int i = 0; i < phase.length; i++) {
      if (byIndex.downstreamCount(i) == 0 && failsRun(phase[i])) {
        return true;
      }
    }
    return false;
  }
}
