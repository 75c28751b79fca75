package io.processflow.samples.annotated;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples jar's launcher has the UI module's commands: {@code ui}, {@code report}, {@code run
 * --report}.
 */
class UiCommandsTest {
  @TempDir Path dir;

  private static CliRun launch(String... args) {
    return CliRun.launch(List.of(new ProcessFlowEtlDag(), new ProcessFlowTestDag()), args);
  }

  @Test
  void runWithReportWritesTheRunsReport() throws Exception {
    Path report = dir.resolve("etl.html");
    CliRun run =
        launch(
            "run",
            "etl",
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--run-id",
            "r1",
            "--no-fsync",
            "--report",
            report.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("report of run r1 written to " + report);
    String html = Files.readString(report);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<span id=\"run-state\" class=\"badge state-success\" data-state=\"success\">")
        .contains("<svg id=\"graph\"")
        .doesNotContain("<script");
  }

  @Test
  void uiAndReportAreCommandsOfTheLauncher() {
    CliRun ui = launch("ui", "--help");
    assertThat(ui.status()).isZero();
    assertThat(ui.out()).contains("--port").contains("--host").contains("--runs-dir");
    CliRun report = launch("report", "etl", "nope", "--runs-dir", dir.toString());
    assertThat(report.status()).isEqualTo(2);
    assertThat(report.err()).contains("No recorded run 'nope' of DAG 'etl'");
  }
}
