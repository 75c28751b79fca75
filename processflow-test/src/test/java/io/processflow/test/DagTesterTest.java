package io.processflow.test;

import static io.processflow.test.ProcessFlowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.TaskState;
import io.processflow.test.ShopDag.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit on an annotated DAG: whole runs, single tasks, the manual clock and the assertions. */
class DagTesterTest {

  @Test
  void runsTheWholeDagAndAssertsStatesAndOutputs() {
    DagRun run = DagTester.of(new ProcessFlowShopDag()).run();

    assertThat(run)
        .succeeded()
        .hasTasksIn(TaskState.SKIPPED, "short_report")
        .task("total")
        .succeeded()
        .hasOutput(2000)
        .and()
        .task("publish")
        .succeeded()
        .hasOutput("total 2000")
        .and()
        .task("rank")
        .hasOutput("big")
        .and()
        .task("widen")
        .hasOutput("2000 2000.0 B 66");
    assertThat(run.<List<Order>>output("extract"))
        .extracting(Order::id)
        .containsExactly("o-1", "o-2");
  }

  @Test
  void aBoxedFromOfABranchNotTakenIsNull() {
    DagRun run = DagTester.of(new ProcessFlowShopDag()).param("mode", "short").run();

    assertThat(run)
        .succeeded()
        .task("full_report")
        .wasSkipped()
        .and()
        .task("publish")
        .hasOutput("short");
  }

  @Test
  void theDefaultLogicalDateIsTheClocksStartAndCanBeSet() {
    DagRun byDefault = DagTester.of(new ProcessFlowShopDag()).run();
    assertThat(byDefault.logicalDate()).isEqualTo(TestClock.DEFAULT_START);
    assertThat(byDefault)
        .task("stamp")
        .hasOutput("manual__2024-01-01T00:00:00+00:00 2024-01-01T00:00:00Z 2024-01-01");

    DagRun dated =
        DagTester.of(new ProcessFlowShopDag()).logicalDate("2024-03-05").runId("r1").run();
    assertThat(dated).task("stamp").hasOutput("r1 2024-03-05T00:00:00Z 2024-03-05");
  }

  @Test
  void retriesWaitOnTheManualClockNotInRealTime() {
    DagTester tester = DagTester.of(new ProcessFlowShopDag()).param("flaky_tries", "2");
    Instant start = tester.clock().now();

    DagRun run = tester.run();

    assertThat(run).succeeded().task("flaky").succeeded().hasTries(3).hasOutput(3);
    // Two retry delays of 10 minutes each passed on the clock, and no more.
    assertThat(Duration.between(start, tester.clock().now())).isEqualTo(Duration.ofMinutes(20));
    assertThat(run.task("flaky").instance().startDate())
        .isEqualTo(start.plus(Duration.ofMinutes(20)));
  }

  @Test
  void aTaskThatRunsOutOfRetriesFailsTheRunAndTheAssertionShowsWhy() {
    DagRun run = DagTester.of(new ProcessFlowShopDag()).param("flaky_tries", "9").run();

    assertThat(run)
        .failed()
        .task("flaky")
        .failedWith(IllegalStateException.class, "try 4 fails")
        .hasTries(4);
    assertThatThrownBy(() -> assertThat(run).task("flaky").succeeded())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected task 'flaky' to be success, but it was failed")
        .hasMessageContaining("java.lang.IllegalStateException: try 4 fails")
        .hasMessageContaining("flaky"); // the summary table
    assertThatThrownBy(() -> assertThat(run).succeeded())
        .hasMessageContaining("to end success, but it ended failed");
  }

  @Test
  void runsOneTaskAloneWithTheUpstreamOutputsGiven() {
    TaskRun total =
        DagTester.of(new ProcessFlowShopDag())
            .task("total")
            .withOutput("extract", List.of(new Order("a", 5), new Order("b", 7)))
            .run();

    assertThat(total).succeeded().hasOutput(12).hasTries(1);
    // Nothing else ran: the other tasks only stand for their given outputs.
    assertThat(total.run().task("rank").tries()).isZero();
  }

  @Test
  void aSingleTaskRunsWhateverItsTriggerRuleAndAMissingUpstreamOutputIsNull() {
    TaskRun publish =
        DagTester.of(new ProcessFlowShopDag())
            .task("publish")
            .withOutput("short_report", "given")
            .run();

    assertThat(publish).succeeded().hasOutput("given");
  }

  @Test
  void aPrimitiveFromWithoutAnOutputFailsNamingTaskParameterAndUpstream() {
    TaskRun rank = DagTester.of(new ProcessFlowShopDag()).task("rank").run();

    assertThat(rank)
        .failedWith(
            IllegalStateException.class,
            "task 'rank' cannot fill its primitive parameter 'largest': task 'largest' has no output in this run");
    assertThat(rank.error().message()).doesNotContain("xcomPull");
  }

  @Test
  void aSingleTaskRetriesOnTheClockToo() {
    DagTester tester = DagTester.of(new ProcessFlowShopDag()).param("flaky_tries", "1");

    assertThat(tester.task("flaky").run()).succeeded().hasTries(2).hasOutput(2);
    assertThat(tester.clock().now())
        .isEqualTo(TestClock.DEFAULT_START.plus(Duration.ofMinutes(10)));
  }

  @Test
  void badNamesFailBeforeAnythingRunsAndSayWhatIsValid() {
    DagTester tester = DagTester.of(new ProcessFlowShopDag());
    assertThatThrownBy(() -> tester.task("totl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no task 'totl'")
        .hasMessageContaining("total");
    assertThatThrownBy(() -> tester.task("total").withOutput("extrakt", List.of()).run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no task 'extrakt' to give an output for");
    assertThatThrownBy(() -> tester.task("total").withOutput("total", 1).run())
        .hasMessageContaining(
            "an output is given for task 'total' itself; give the outputs of its upstream tasks [extract]");
    assertThatThrownBy(() -> DagTester.of(new ProcessFlowShopDag()).param("mood", "x").run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no param mood");
    assertThatThrownBy(() -> DagTester.of(new ProcessFlowShopDag()).run().task("nope"))
        .hasMessageContaining("has no task 'nope'");
  }
}
