package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.TriggerRules.Decision;
import io.processflow.runtime.internal.dag.DagIndex;
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
    int join = DagIndex.of(dag).indexOf("join");
    int other = DagIndex.of(dag).indexOf("other");
    UpstreamCounts counts = new UpstreamCounts(dag);
    assertThat(counts.decide(join)).isEqualTo(Decision.WAIT);
    counts.countEnd(DagIndex.of(dag).indexOf("a"), TaskPhase.ENDED_OK);
    assertThat(counts.decide(other)).isEqualTo(Decision.RUN);
    counts.countEnd(DagIndex.of(dag).indexOf("b"), TaskPhase.ENDED_FAILED);
    assertThat(counts.decide(join)).isEqualTo(Decision.WAIT);
    counts.countEnd(DagIndex.of(dag).indexOf("c"), TaskPhase.ENDED_SKIPPED);
    assertThat(counts.decide(join)).isEqualTo(Decision.RUN);
  }

  @Test
  void anUpstreamFailedEndTakenBackNoLongerCounts() {
    DagDefinition dag = dag(TriggerRule.NONE_FAILED);
    int join = DagIndex.of(dag).indexOf("join");
    UpstreamCounts counts = new UpstreamCounts(dag);
    counts.countEnd(DagIndex.of(dag).indexOf("a"), TaskPhase.ENDED_OK);
    counts.countEnd(DagIndex.of(dag).indexOf("b"), TaskPhase.ENDED_OK);
    counts.countEnd(DagIndex.of(dag).indexOf("c"), TaskPhase.ENDED_UPSTREAM_FAILED);
    assertThat(counts.decide(join)).isEqualTo(Decision.UPSTREAM_FAILED);
    // A branch skips c after all: its upstream_failed end is taken back and counted as skipped.
    counts.uncountUpstreamFailed(DagIndex.of(dag).indexOf("c"));
    assertThat(counts.decide(join)).isEqualTo(Decision.WAIT);
    counts.countEnd(DagIndex.of(dag).indexOf("c"), TaskPhase.ENDED_SKIPPED);
    assertThat(counts.decide(join)).isEqualTo(Decision.RUN);
  }

  @Test
  void anAllowedFailureCountsAsASuccess() {
    DagDefinition dag = dag(TriggerRule.ALL_SUCCESS);
    int join = DagIndex.of(dag).indexOf("join");
    UpstreamCounts counts = new UpstreamCounts(dag);
    for (String id : new String[] {"a", "b", "c"}) {
      counts.countEnd(DagIndex.of(dag).indexOf(id), TaskPhase.ENDED_OK);
    }
    assertThat(counts.decide(join)).isEqualTo(Decision.RUN);
  }
}
