package io.processflow.processor.graph;

import io.processflow.api.TriggerRule;

/**
 * Whether a task can run while one of its direct upstream tasks has no output, read from the task's
 * trigger rule (the runtime's {@code TriggerRules}, Airflow's) and the upstream task's {@code
 * allowToFail}. Plain logic with no {@code javax.lang.model} types.
 *
 * <p>Only {@code all_success} waits for every upstream task to succeed. Every other rule runs the
 * task when some upstream task failed, was skipped (a branch not taken, a short circuit) or has not
 * ended yet: {@code always}, {@code one_failed}, {@code one_done}, {@code all_done}, {@code
 * all_failed}, {@code all_skipped}, {@code none_failed}, {@code none_skipped} whatever the number
 * of upstream tasks; {@code one_success}, {@code all_done_min_one_success} and {@code
 * none_failed_min_one_success} only when another upstream task can be the one success they need. A
 * failure of an upstream task allowed to fail counts as a success downstream, so even {@code
 * all_success} then runs the task without that upstream's output.
 */
public final class MissingOutputs {
  private MissingOutputs() {}

  /**
   * Why a task with {@code rule} and {@code upstreamCount} direct upstream tasks can run while one
   * of them has no output, or null when it cannot.
   */
  public static String whyMayRunWithout(
      TriggerRule rule, int upstreamCount, String upstreamId, boolean upstreamAllowedToFail) {
    if (upstreamAllowedToFail) {
      return "'" + upstreamId + "' is allowToFail, and its failure counts as a success downstream";
    }
    String quoted = "'" + upstreamId + "'";
    return switch (rule) {
      case ALL_SUCCESS -> null;
      case ALWAYS ->
          "its trigger rule always runs it at the start of the run, before " + quoted + " ends";
      case ONE_FAILED ->
          "its trigger rule one_failed runs it as soon as one upstream task failed, "
              + quoted
              + " included";
      case ONE_DONE ->
          "its trigger rule one_done runs it as soon as one upstream task ended, even if "
              + quoted
              + " failed or has not ended";
      case ALL_DONE ->
          "its trigger rule all_done runs it also when " + quoted + " failed or was skipped";
      case ALL_FAILED -> "its trigger rule all_failed runs it only when " + quoted + " failed";
      case ALL_SKIPPED ->
          "its trigger rule all_skipped runs it only when " + quoted + " was skipped";
      case NONE_FAILED ->
          "its trigger rule none_failed runs it also when "
              + quoted
              + " was skipped (a branch not taken, a short circuit)";
      case NONE_SKIPPED -> "its trigger rule none_skipped runs it also when " + quoted + " failed";
      case ONE_SUCCESS ->
          upstreamCount < 2
              ? null
              : "its trigger rule one_success runs it as soon as another upstream task succeeded, while "
                  + quoted
                  + " may still run, fail or be skipped";
      case ALL_DONE_MIN_ONE_SUCCESS ->
          upstreamCount < 2
              ? null
              : "its trigger rule all_done_min_one_success runs it when another upstream task succeeded and "
                  + quoted
                  + " failed or was skipped";
      case NONE_FAILED_MIN_ONE_SUCCESS ->
          upstreamCount < 2
              ? null
              : "its trigger rule none_failed_min_one_success runs it when another upstream task succeeded and "
                  + quoted
                  + " was skipped (a branch not taken, a short circuit)";
    };
  }
}
