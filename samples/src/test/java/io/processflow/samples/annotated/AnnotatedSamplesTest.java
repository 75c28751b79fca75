package io.processflow.samples.annotated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The annotated samples, through the classes the processor generated for them. */
class AnnotatedSamplesTest {
  private static final RunConfig CONFIG =
      RunConfig.builder().runId("test").logicalDate(Instant.parse("2024-01-31T00:00:00Z")).build();

  @Test
  void testDagRunsTheOperatorAndItsReducerAcknowledges() {
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(ProcessFlowTestDag.dag(), CONFIG);
    }
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.task("task_1").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("task_2").state()).isEqualTo(TaskState.SUCCESS);
    assertThat((String) result.task("task_2").output())
        .startsWith("processflow_test_dag_task_2_20240131T000000_1_");
    assertThat(result.finalState().appState()).isEqualTo(Map.of("ack", true));
  }

  @Test
  void etlPassesTypedOutputsDownstream() {
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(ProcessFlowEtlDag.dag(), CONFIG);
    }
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.task("transform_b").output()).isEqualTo(2L);
    assertThat(result.task("load").output())
        .isEqualTo("3 customers, 2 large orders, totals {ada=5550, grace=9900, linus=15000}");
  }

  @Test
  void reportRetriesTheFlakyFetchAndFollowsTheDefaultBranch() {
    RunResult result = runReport(Map.of());
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.task("fetch").tryNumber()).isEqualTo(2);
    assertThat(result.task("fetch").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("summary").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("detailed").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("publish").output()).isEqualTo("eu: 3 orders, 500 total");
  }

  @Test
  void reportParamsChooseTheOtherBranch() {
    RunResult result = runReport(Map.of("format", "detailed", "region", "us"));
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.task("summary").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("publish").output()).isEqualTo("us: orders [120, 80, 300], 500 total");
  }

  @Test
  void reportShortCircuitSkipsEverythingDownstream() {
    RunResult result = runReport(Map.of("min_total", "1000"));
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.task("enough").state()).isEqualTo(TaskState.SUCCESS);
    // As in Airflow 3, a false condition that skips tasks leaves no output (no XCom).
    assertThat(result.task("enough").output()).isNull();
    for (String skipped : List.of("choose", "summary", "detailed", "publish")) {
      assertThat(result.task(skipped).state()).as(skipped).isEqualTo(TaskState.SKIPPED);
    }
  }

  @Test
  void reportParamsAreTypedAndChecked() {
    assertThatThrownBy(() -> runReport(Map.of("min_total", "lots", "format", "pdf")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "param 'format' must be one of summary, detailed; it was 'pdf'\n"
                + "param 'min_total' must be an integer (a whole number such as 100); it was 'lots'");
  }

  @Test
  void reportRefusesAnUndeclaredParam() {
    assertThatThrownBy(() -> runReport(Map.of("fromat", "detailed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DAG 'report' has no param fromat (did you mean format?); its params are format, region, min_total");
  }

  private static RunResult runReport(Map<String, String> params) {
    try (DagRunner runner = DagRunner.create()) {
      return runner.run(
          ProcessFlowReportDag.dag(),
          RunConfig.builder()
              .runId("test")
              .logicalDate(Instant.parse("2024-01-31T00:00:00Z"))
              .params(params)
              .build());
    }
  }

  @Test
  void theSamplesAreRegisteredForTheLauncher() {
    List<String> ids = new ArrayList<>();
    for (DagProvider provider : ServiceLoader.load(DagProvider.class)) {
      ids.add(provider.dagId());
    }
    assertThat(ids).contains("test_dag", "etl", "report");
  }
}
