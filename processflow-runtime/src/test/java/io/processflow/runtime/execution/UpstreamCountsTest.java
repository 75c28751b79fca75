package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.TriggerRules.Decision;
import org.junit.jupiter.api.Test;

class UpstreamCountsTest {
  /** a, b, c >> join (rule given), and a >> other. */
  private static DagDefinition dag(TriggerRule rule) {
    DagBuilder dag = DagBuilder.dag("counts");
    dag.task("a", ctx -> null);
    dag.task("b", ctx -> null);
    dag.task("c", ctx -> null);
    dag.task("join", ctx -> null).triggerRule(rule);
    dag.task("other", ctx -> null);
    dag.dependency("a", "join");
    dag.dependency("b", "join");
    dag.dependency("c", "join");
    dag.dependency("a", "other");
    return dag.build();
  }

  @Test
  void countsEachEndForEveryDownstreamTaskAndDecidesByTheRule() {
    DagDefinition dag = dag(TriggerRule.ALL_DONE);
    int join = dag.indexOf("join");
    int other = dag.indexOf("other");
    UpstreamCounts counts = new UpstreamCounts(dag);
    assertThat(counts.decide(join)).isEqualTo(Decision.WAIT);
    counts.countEnd(dag.indexOf("a"), TaskPhase.ENDED_OK);
    assertThat(counts.decide(other)).isEqualTo(Decision.RUN);
    counts.countEnd(dag.indexOf("b"), TaskPhase.ENDED_FAILED);
    assertThat(counts.decide(join)).isEqualTo(Decision.WAIT);
    counts.countEnd(dag.indexOf("c"), TaskPhase.ENDED_SKIPPED);
    assertThat(counts.decide(join)).isEqualTo(Decision.RUN);
  }

  @Test
  void anUpstreamFailedEndTakenBackNoLongerCounts() {
    DagDefinition dag = dag(TriggerRule.NONE_FAILED);
    int join = dag.indexOf("join");
    UpstreamCounts counts = new UpstreamCounts(dag);
    counts.countEnd(dag.indexOf("a"), TaskPhase.ENDED_OK);
    counts.countEnd(dag.indexOf("b"), TaskPhase.ENDED_OK);
    counts.countEnd(dag.indexOf("c"), TaskPhase.ENDED_UPSTREAM_FAILED);
    assertThat(counts.decide(join)).isEqualTo(Decision.UPSTREAM_FAILED);
    // A branch skips c after all: its upstream_failed end is taken back and counted as skipped.
    counts.uncountUpstreamFailed(dag.indexOf("c"));
    assertThat(counts.decide(join)).isEqualTo(Decision.WAIT);
    counts.countEnd(dag.indexOf("c"), TaskPhase.ENDED_SKIPPED);
    assertThat(counts.decide(join)).isEqualTo(Decision.RUN);
  }

  @Test
  void anAllowedFailureCountsAsASuccess() {
    DagDefinition dag = dag(TriggerRule.ALL_SUCCESS);
    int join = dag.indexOf("join");
    UpstreamCounts counts = new UpstreamCounts(dag);
    for (String id : new String[] {"a", "b", "c"}) {
      counts.countEnd(dag.indexOf(id), TaskPhase.ENDED_OK);
    }
    assertThat(counts.decide(join)).isEqualTo(Decision.RUN);
  }
}
