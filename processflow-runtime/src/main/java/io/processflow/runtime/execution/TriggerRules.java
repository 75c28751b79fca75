package io.processflow.runtime.execution;

import io.processflow.api.TriggerRule;

/**
 * Decides, from the counts of a task's ended upstream tasks, whether it runs now, waits, or ends
 * without running: Airflow's trigger rule dependency, including the states Airflow sets when a
 * rule can no longer be met. A pure function, tested against Airflow's truth table.
 *
 * <p>One deliberate difference: every final state is independent of the order in which upstream
 * tasks end (RandomDagPropertyTest checks it), so {@code all_success} decides {@code skipped} only
 * when all upstream tasks ended.
 */
final class TriggerRules {
  /** The decision. */
  enum Decision {
    WAIT,
    RUN,
    SKIP,
    UPSTREAM_FAILED
  }

  private TriggerRules() {}

  /**
   * @param upstream how many direct upstream tasks the task has
   * @param success how many of them ended in success (or failed but were allowed to)
   * @param failed how many ended failed or upstream_failed
   * @param skipped how many ended skipped
   */
  static Decision decide(TriggerRule rule, int upstream, int success, int failed, int skipped) {
    int done = success + failed + skipped;
    boolean allDone = done >= upstream;
    if (upstream == 0 || rule == TriggerRule.ALWAYS) {
      return Decision.RUN;
    }
    return switch (rule) {
      // A skip decides only once every upstream ended: Airflow skips at the first skip, so a failure
      // ending later makes the same run end skipped or upstream_failed depending on timing.
      case ALL_SUCCESS -> failed > 0 ? Decision.UPSTREAM_FAILED
          : !allDone ? Decision.WAIT
          : skipped > 0 ? Decision.SKIP : Decision.RUN;
      case ALL_FAILED -> success > 0 || skipped > 0 ? Decision.SKIP
          : failed == upstream ? Decision.RUN : Decision.WAIT;
      case ALL_DONE -> allDone ? Decision.RUN : Decision.WAIT;
      case ALL_DONE_MIN_ONE_SUCCESS -> !allDone ? Decision.WAIT
          : success > 0 ? Decision.RUN
          : skipped == upstream ? Decision.SKIP : Decision.UPSTREAM_FAILED;
      case ALL_SKIPPED -> success > 0 || failed > 0 ? Decision.SKIP
          : skipped == upstream ? Decision.RUN : Decision.WAIT;
      case ONE_SUCCESS -> success > 0 ? Decision.RUN
          : !allDone ? Decision.WAIT
          : skipped == upstream ? Decision.SKIP : Decision.UPSTREAM_FAILED;
      case ONE_FAILED -> failed > 0 ? Decision.RUN : allDone ? Decision.SKIP : Decision.WAIT;
      case ONE_DONE -> success + failed > 0 ? Decision.RUN : allDone ? Decision.SKIP : Decision.WAIT;
      case NONE_FAILED -> failed > 0 ? Decision.UPSTREAM_FAILED
          : allDone ? Decision.RUN : Decision.WAIT;
      case NONE_FAILED_MIN_ONE_SUCCESS -> failed > 0 ? Decision.UPSTREAM_FAILED
          : skipped == upstream ? Decision.SKIP
          : allDone ? Decision.RUN : Decision.WAIT;
      case NONE_SKIPPED -> skipped > 0 ? Decision.SKIP : allDone ? Decision.RUN : Decision.WAIT;
      case ALWAYS -> Decision.RUN;
    };
  }
}
