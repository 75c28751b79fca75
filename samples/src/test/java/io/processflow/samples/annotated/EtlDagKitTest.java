package io.processflow.samples.annotated;

import static io.processflow.test.ProcessFlowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.samples.annotated.EtlDag.Order;
import io.processflow.test.DagRun;
import io.processflow.test.DagTester;
import io.processflow.test.TaskRun;
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
        .task("transform_b").hasOutput(2L)
        .and().task("load").succeeded()
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
}
