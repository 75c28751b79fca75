package io.processflow.runtime.execution;

import io.processflow.api.TriggerRule;

/**
 * Decides, from the counts of a task's ended upstream tasks, whether it runs now, waits, or ends
 * without running: Airflow 3's trigger rule dependency ({@code trigger_rule_dep.py}, with {@code
 * flag_upstream_failed} as its scheduler sets it), including the states Airflow sets when a rule
 * can no longer be met. A pure function, tested against Airflow's truth table and, run by the
 * engine, against a model of Airflow's scheduler (AirflowFidelityTest).
 *
 * <p>As in Airflow, a rule decides as soon as the upstream tasks ended so far decide it: {@code
 * all_success} is skipped at the first skipped upstream task even if another one fails later, and
 * {@code all_done_min_one_success} is skipped by any skipped upstream task (Airflow's code; its
 * release notes say a skipped upstream counts as done, apache/airflow#59925). So which of several
 * final states a task reaches can depend on which upstream task ends first, exactly where it can in
 * Airflow.
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
   * Whether a task runs without waiting for any upstream task: it has none, or its rule is {@code
   * always}. The run evaluates these when it starts; every other task is evaluated when an upstream
   * task ends.
   */
  static boolean isRoot(TriggerRule rule, int upstream) {
    return upstream == 0 || rule == TriggerRule.ALWAYS;
  }

  /**
   * @param upstream how many direct upstream tasks the task has
   * @param success how many of them ended in success (or failed but were allowed to)
   * @param failed how many ended failed
   * @param upstreamFailed how many ended upstream_failed
   * @param skipped how many ended skipped
   */
  static Decision decide(
      TriggerRule rule, int upstream, int success, int failed, int upstreamFailed, int skipped) {
    if (isRoot(rule, upstream)) {
      return Decision.RUN;
    }
    int anyFailed = failed + upstreamFailed;
    boolean allDone = success + anyFailed + skipped >= upstream;
    return switch (rule) {
      case ALL_SUCCESS ->
          anyFailed > 0
              ? Decision.UPSTREAM_FAILED
              : skipped > 0 ? Decision.SKIP : allDone ? Decision.RUN : Decision.WAIT;
      case ALL_FAILED ->
          success > 0 || skipped > 0 ? Decision.SKIP : allDone ? Decision.RUN : Decision.WAIT;
      case ALL_DONE -> allDone ? Decision.RUN : Decision.WAIT;
      case ALL_DONE_MIN_ONE_SUCCESS ->
          skipped > 0
              ? Decision.SKIP
              : !allDone ? Decision.WAIT : success > 0 ? Decision.RUN : Decision.UPSTREAM_FAILED;
      case ALL_SKIPPED ->
          success > 0 || anyFailed > 0 ? Decision.SKIP : allDone ? Decision.RUN : Decision.WAIT;
      case ONE_SUCCESS ->
          success > 0
              ? Decision.RUN
              : !allDone
                  ? Decision.WAIT
                  : skipped == upstream ? Decision.SKIP : Decision.UPSTREAM_FAILED;
      case ONE_FAILED -> anyFailed > 0 ? Decision.RUN : allDone ? Decision.SKIP : Decision.WAIT;
      // Airflow counts failed but not upstream_failed here: one_done after an upstream_failed task
      // skips.
      case ONE_DONE ->
          success + failed > 0 ? Decision.RUN : allDone ? Decision.SKIP : Decision.WAIT;
      case NONE_FAILED ->
          anyFailed > 0 ? Decision.UPSTREAM_FAILED : allDone ? Decision.RUN : Decision.WAIT;
      case NONE_FAILED_MIN_ONE_SUCCESS ->
          anyFailed > 0
              ? Decision.UPSTREAM_FAILED
              : skipped == upstream ? Decision.SKIP : allDone ? Decision.RUN : Decision.WAIT;
      case NONE_SKIPPED -> skipped > 0 ? Decision.SKIP : allDone ? Decision.RUN : Decision.WAIT;
      case ALWAYS -> Decision.RUN;
    };
  }
}
