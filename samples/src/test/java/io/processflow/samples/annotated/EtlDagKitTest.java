package io.processflow.samples.annotated;

import static io.processflow.test.ProcessFlowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.cli.Launcher;
import io.processflow.samples.annotated.EtlDag.Order;
import io.processflow.test.DagRun;
import io.processflow.test.DagTester;
import io.processflow.test.TaskRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test kit on the ETL sample, as the README shows it. */
class EtlDagKitTest {

  @Test
  void theWholeEtlRunsAndLoadsItsSummary() {
    DagRun run = DagTester.of(new ProcessFlowEtlDag()).logicalDate("2024-01-31").run();

    assertThat(run)
        .succeeded()
        .task("transform_b")
        .hasOutput(2L)
        .and()
        .task("load")
        .succeeded()
        .hasOutput("3 customers, 2 large orders, totals {ada=5550, grace=9900, linus=15000}");
  }

  @Test
  void oneTransformRunsAloneOnGivenOrders() {
    TaskRun transform =
        DagTester.of(new ProcessFlowEtlDag())
            .task("transform_a")
            .withOutput("extract", List.of(new Order("x", "bob", 100), new Order("y", "bob", 50)))
            .run();

    assertThat(transform).succeeded().hasOutput(Map.of("bob", 150));
    assertThat(transform.run().task("load").tries()).isZero();
  }

  @Test
  void theLaunchersTestTaskRunsLoadOnJsonOutputsAsTheReadmeShows() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      status =
          Launcher.execute(
              "test-task",
              "etl",
              "load",
              "--logical-date",
              "2024-01-31",
              "--upstream",
              "transform_a={\"ada\":5550}",
              "--upstream",
              "transform_b=2");
    } finally {
      System.setOut(original);
    }
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("task load of DAG etl, run manual__2024-01-31T00:00:00+00:00")
        .contains("state:  success after 1 try")
        .contains("output: \"1 customers, 2 large orders, totals {ada=5550}\"");
  }
}
