package io.processflow.processor.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TriggerRule;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which trigger rules can run a task while one of its upstream tasks has no output, checked against
 * every assignment of end states to up to four upstream tasks under the rules' Airflow semantics
 * (written here from Airflow's truth table, not from {@link MissingOutputs}).
 */
class MissingOutputsTest {
  /**
   * How an upstream task stands when the rule is evaluated: not ended, succeeded, failed, skipped.
   */
  private enum Up {
    RUNNING,
    SUCCESS,
    FAILED,
    SKIPPED
  }

  @Test
  void agreesWithAirflowsRulesForEveryCombinationOfUpstreamStates() {
    for (TriggerRule rule : TriggerRule.values()) {
      for (int n = 1; n <= 4; n++) {
        boolean expected = canRunWithoutFirst(rule, n);
        String why = MissingOutputs.whyMayRunWithout(rule, n, "up", false);
        assertThat(why != null).as("%s with %d upstream", rule, n).isEqualTo(expected);
        if (why != null) {
          assertThat(why).contains(rule.toString()).contains("'up'");
        }
      }
    }
  }

  @Test
  void anUpstreamAllowedToFailMayLeaveNoOutputUnderEveryRule() {
    for (TriggerRule rule : TriggerRule.values()) {
      assertThat(MissingOutputs.whyMayRunWithout(rule, 1, "up", true))
          .contains("'up' is allowToFail");
    }
  }

  @Test
  void onlyAllSuccessAlwaysWaitsForTheOutput() {
    Set<TriggerRule> safeWithOneUpstream = EnumSet.noneOf(TriggerRule.class);
    for (TriggerRule rule : TriggerRule.values()) {
      if (MissingOutputs.whyMayRunWithout(rule, 1, "up", false) == null) {
        safeWithOneUpstream.add(rule);
      }
      if (rule != TriggerRule.ALL_SUCCESS) {
        assertThat(MissingOutputs.whyMayRunWithout(rule, 2, "up", false))
            .as("%s", rule)
            .isNotNull();
      }
    }
    assertThat(safeWithOneUpstream)
        .containsExactlyInAnyOrder(
            TriggerRule.ALL_SUCCESS,
            TriggerRule.ONE_SUCCESS,
            TriggerRule.ALL_DONE_MIN_ONE_SUCCESS,
            TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS);
  }

  /**
   * True when some states of n upstream tasks, the first not succeeded, make the rule run the task.
   */
  private static boolean canRunWithoutFirst(TriggerRule rule, int n) {
    Up[] states = new Up[n];
    return search(rule, states, 0);
  }

  private static boolean search(TriggerRule rule, Up[] states, int k) {
    if (k == states.length) {
      return states[0] != Up.SUCCESS && runs(rule, states);
    }
    for (Up state : Up.values()) {
      states[k] = state;
      if (search(rule, states, k + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Airflow's trigger rule: would the task be run with these upstream states? */
  private static boolean runs(TriggerRule rule, Up[] states) {
    int success = 0, failed = 0, skipped = 0, running = 0;
    for (Up state : states) {
      switch (state) {
        case SUCCESS -> success++;
        case FAILED -> failed++;
        case SKIPPED -> skipped++;
        case RUNNING -> running++;
      }
    }
    boolean allDone = running == 0;
    int n = states.length;
    return switch (rule) {
      case ALWAYS -> true;
      case ALL_SUCCESS -> success == n;
      case ALL_FAILED -> failed == n;
      case ALL_DONE -> allDone;
      case ALL_DONE_MIN_ONE_SUCCESS -> allDone && success > 0;
      case ALL_SKIPPED -> skipped == n;
      case ONE_SUCCESS -> success > 0;
      case ONE_FAILED -> failed > 0;
      case ONE_DONE -> success + failed > 0;
      case NONE_FAILED -> allDone && failed == 0;
      case NONE_FAILED_MIN_ONE_SUCCESS -> allDone && failed == 0 && success > 0;
      case NONE_SKIPPED -> allDone && skipped == 0;
    };
  }
}
