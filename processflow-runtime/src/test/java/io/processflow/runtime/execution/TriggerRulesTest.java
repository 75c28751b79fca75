package io.processflow.runtime.execution;

import static io.processflow.api.TriggerRule.*;
import static io.processflow.runtime.execution.TriggerRules.Decision.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TriggerRule;
import io.processflow.runtime.execution.TriggerRules.Decision;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Airflow's truth table for trigger rules (trigger_rule_dep with flag_upstream_failed), on two
 * upstream tasks: counts of those that ended succeeded, failed, upstream_failed, skipped; the rest
 * have not ended.
 */
class TriggerRulesTest {
  static Stream<Arguments> table() {
    return Stream.of(
        // rule, success, failed, upstream_failed, skipped (of 2 upstream), decision
        row(ALL_SUCCESS, 2, 0, 0, 0, RUN),
        row(ALL_SUCCESS, 1, 0, 0, 0, WAIT),
        row(ALL_SUCCESS, 1, 1, 0, 0, UPSTREAM_FAILED),
        row(ALL_SUCCESS, 0, 1, 0, 0, UPSTREAM_FAILED), // decided before the other ends
        row(ALL_SUCCESS, 1, 0, 0, 1, SKIP),
        row(ALL_SUCCESS, 0, 0, 0, 1, SKIP), // at the first skip, whatever ends later
        row(ALL_SUCCESS, 1, 0, 1, 0, UPSTREAM_FAILED),
        row(ALL_SUCCESS, 0, 1, 0, 1, UPSTREAM_FAILED), // a failure outranks a skip
        row(ALL_FAILED, 0, 2, 0, 0, RUN),
        row(ALL_FAILED, 0, 1, 1, 0, RUN),
        row(ALL_FAILED, 0, 1, 0, 0, WAIT),
        row(ALL_FAILED, 1, 1, 0, 0, SKIP),
        row(ALL_FAILED, 0, 1, 0, 1, SKIP),
        row(ALL_DONE, 1, 0, 0, 0, WAIT),
        row(ALL_DONE, 0, 1, 0, 1, RUN),
        row(ALL_DONE, 0, 0, 0, 2, RUN),
        row(ALL_DONE_MIN_ONE_SUCCESS, 1, 0, 0, 0, WAIT),
        row(ALL_DONE_MIN_ONE_SUCCESS, 1, 1, 0, 0, RUN),
        row(ALL_DONE_MIN_ONE_SUCCESS, 1, 0, 0, 1, SKIP), // Airflow's code, not its release notes
        row(ALL_DONE_MIN_ONE_SUCCESS, 0, 0, 0, 1, SKIP), // before the other ends
        row(ALL_DONE_MIN_ONE_SUCCESS, 0, 1, 0, 1, SKIP),
        row(ALL_DONE_MIN_ONE_SUCCESS, 0, 1, 1, 0, UPSTREAM_FAILED),
        row(ALL_DONE_MIN_ONE_SUCCESS, 1, 0, 1, 0, RUN),
        row(ALL_DONE_MIN_ONE_SUCCESS, 0, 0, 0, 2, SKIP),
        row(ALL_SKIPPED, 0, 0, 0, 2, RUN),
        row(ALL_SKIPPED, 0, 0, 0, 1, WAIT),
        row(ALL_SKIPPED, 1, 0, 0, 1, SKIP),
        row(ALL_SKIPPED, 0, 1, 0, 0, SKIP),
        row(ONE_SUCCESS, 1, 0, 0, 0, RUN), // fires before the other ends
        row(ONE_SUCCESS, 0, 1, 0, 0, WAIT),
        row(ONE_SUCCESS, 0, 2, 0, 0, UPSTREAM_FAILED),
        row(ONE_SUCCESS, 0, 1, 0, 1, UPSTREAM_FAILED),
        row(ONE_SUCCESS, 0, 0, 0, 2, SKIP),
        row(ONE_FAILED, 0, 1, 0, 0, RUN), // fires early
        row(ONE_FAILED, 0, 0, 1, 0, RUN),
        row(ONE_FAILED, 1, 0, 0, 0, WAIT),
        row(ONE_FAILED, 1, 0, 0, 1, SKIP),
        row(ONE_FAILED, 2, 0, 0, 0, SKIP),
        row(ONE_DONE, 1, 0, 0, 0, RUN),
        row(ONE_DONE, 0, 1, 0, 0, RUN),
        row(ONE_DONE, 0, 0, 1, 0, WAIT), // upstream_failed is not done for one_done
        row(ONE_DONE, 0, 0, 2, 0, SKIP),
        row(ONE_DONE, 0, 0, 1, 1, SKIP),
        row(ONE_DONE, 0, 0, 0, 1, WAIT),
        row(ONE_DONE, 0, 0, 0, 2, SKIP),
        row(NONE_FAILED, 1, 0, 0, 1, RUN),
        row(NONE_FAILED, 0, 0, 0, 2, RUN),
        row(NONE_FAILED, 1, 0, 0, 0, WAIT),
        row(NONE_FAILED, 0, 1, 0, 0, UPSTREAM_FAILED),
        row(NONE_FAILED_MIN_ONE_SUCCESS, 1, 0, 0, 1, RUN),
        row(NONE_FAILED_MIN_ONE_SUCCESS, 0, 0, 0, 1, WAIT),
        row(NONE_FAILED_MIN_ONE_SUCCESS, 0, 0, 0, 2, SKIP),
        row(NONE_FAILED_MIN_ONE_SUCCESS, 1, 1, 0, 0, UPSTREAM_FAILED),
        row(NONE_SKIPPED, 1, 1, 0, 0, RUN),
        row(NONE_SKIPPED, 1, 0, 0, 0, WAIT),
        row(NONE_SKIPPED, 1, 0, 0, 1, SKIP),
        row(ALWAYS, 0, 0, 0, 0, RUN),
        row(ALWAYS, 0, 1, 0, 1, RUN));
  }

  private static Arguments row(
      TriggerRule rule,
      int success,
      int failed,
      int upstreamFailed,
      int skipped,
      Decision decision) {
    return Arguments.of(rule, success, failed, upstreamFailed, skipped, decision);
  }

  @ParameterizedTest(
      name = "{0} with success={1} failed={2} upstream_failed={3} skipped={4} of 2 -> {5}")
  @MethodSource("table")
  void decidesAsAirflowDoes(
      TriggerRule rule,
      int success,
      int failed,
      int upstreamFailed,
      int skipped,
      Decision expected) {
    assertThat(TriggerRules.decide(rule, 2, success, failed, upstreamFailed, skipped))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} runs a task with no upstream")
  @MethodSource("rules")
  void everyRuleRunsATaskWithoutUpstream(TriggerRule rule) {
    assertThat(TriggerRules.decide(rule, 0, 0, 0, 0, 0)).isEqualTo(RUN);
  }

  static Stream<TriggerRule> rules() {
    return Stream.of(TriggerRule.values());
  }
}
