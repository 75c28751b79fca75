package com.example;

import static io.processflow.test.ProcessFlowAssertions.assertThat;

import io.processflow.test.DagRun;
import io.processflow.test.DagTester;
import io.processflow.test.TaskRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Testing your DAGs", as a user writes it against their own generated DAG. */
class OrdersDagTest {
  @Test
  void theWholeDagRuns() {
    DagRun run = DagTester.of(new ProcessFlowOrdersDag()).logicalDate("2024-01-31").run();
    assertThat(run)
        .succeeded()
        .task("totals")
        .hasOutput(Map.of("ada", 1500L, "grace", 800L))
        .and()
        .task("load")
        .hasOutput("loaded 2 customers");
  }

  @Test
  void oneTaskRunsAloneOnTheOutputsItIsGiven() {
    TaskRun totals =
        DagTester.of(new ProcessFlowOrdersDag())
            .task("totals")
            .withOutput("extract", List.of(new OrdersDag.Order("bob", 100), new OrdersDag.Order("bob", 50)))
            .run();
    assertThat(totals).succeeded().hasOutput(Map.of("bob", 150L));
  }
}
