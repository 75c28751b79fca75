package io.processflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.cli.Launcher;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-contained report, from {@code report} and from {@code run --report}. */
class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void theReportCommandWritesOneFileThatNeedsNothingElse() throws Exception {
    Path runsDir = dir.resolve("runs");
    UiDags.run(UiDags.demo(), runsDir, "r1");
    UiDags.writeLog(
        runsDir, "demo", "r1", "transform_b", 1, "retrying now\n" + UiDags.HOSTILE + "\n");
    Path file = dir.resolve("out/report.html");
    int status =
        Launcher.execute(
            UiDags.providers(),
            "report",
            "demo",
            "r1",
            "--runs-dir",
            runsDir.toString(),
            "-o",
            file.toString());
    assertThat(status).isZero();
    Document report = Jsoup.parse(file.toFile(), "UTF-8");
    selfContained(report, Files.readString(file));
    assertThat(report.select("svg g.node").eachAttr("data-task-id"))
        .containsExactlyInAnyOrder("extract", "transform_a", "transform_b", "load", "publish");
    assertThat(report.select("svg g.node[data-task-id=publish]").attr("data-state"))
        .isEqualTo("failed");
    assertThat(report.select("#gantt a.bar[data-task-id=transform_b]").eachAttr("data-try"))
        .containsExactly("1", "2");
    assertThat(report.select("#tasks tr.task")).hasSize(5);
    // every try's link leads to its log in the file (the runtime writes one per try)
    for (Element link : report.select("a.try, a.bar")) {
      String anchor = link.attr("href");
      assertThat(anchor).startsWith("#log-");
      Element target = report.getElementById(anchor.substring(1));
      assertThat(target).as(anchor).isNotNull();
      assertThat(target.attr("data-task-id")).isEqualTo(link.attr("data-task-id"));
      assertThat(target.attr("data-try")).isEqualTo(link.attr("data-try"));
    }
    assertThat(
            report
                .selectFirst("section.log[data-task-id=publish][data-try=1]")
                .select("pre.log")
                .text())
        .contains("IllegalArgumentException")
        .contains(UiDags.HOSTILE);
    Element retried = report.selectFirst("section.log[data-task-id=transform_b][data-try=1]");
    assertThat(retried.select("pre.log").text()).contains("retrying now").contains(UiDags.HOSTILE);
    assertThat(report.select("img")).isEmpty();
  }

  @Test
  void runWithReportWritesTheReportOfTheRunItRan() throws Exception {
    Path runsDir = dir.resolve("runs");
    Path file = dir.resolve("flaky.html");
    UiDags.CHECK_FAILS.set(true);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int status;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      status =
          Launcher.execute(
              UiDags.providers(),
              "run",
              "flaky",
              "--run-id",
              "cli-1",
              "--runs-dir",
              runsDir.toString(),
              "--no-fsync",
              "--report",
              file.toString());
    } finally {
      System.setErr(err);
    }
    assertThat(status).isEqualTo(1);
    Document report = Jsoup.parse(file.toFile(), "UTF-8");
    selfContained(report, Files.readString(file));
    assertThat(report.select("#run-state").attr("data-state")).isEqualTo("failed");
    assertThat(report.select("svg g.node[data-task-id=check]").attr("data-state"))
        .isEqualTo("failed");
    assertThat(report.select("svg g.node[data-task-id=finish]").attr("data-state"))
        .isEqualTo("upstream_failed");
    assertThat(report.select("#tasks tr[data-task-id=check] .error-summary").text())
        .isEqualTo("java.lang.IllegalStateException: check failed");
  }

  @Test
  void reportOfAnUnknownRunNamesTheRecordedOnes() throws Exception {
    Path runsDir = dir.resolve("runs");
    UiDags.run(UiDags.flaky(), runsDir, "known");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int status;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      status =
          Launcher.execute(
              UiDags.providers(), "report", "flaky", "nope", "--runs-dir", runsDir.toString());
    } finally {
      System.setErr(err);
    }
    assertThat(status).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("No recorded run 'nope' of DAG 'flaky'")
        .contains("its runs are: known");
  }

  /**
   * A report path under a file: the report command says why, with status 2; run --report refuses it
   * before anything runs (it wrote the run, then failed on the report with status 1).
   */
  @Test
  void aReportPathThatCannotBeWrittenIsRefusedWithItsReason() throws Exception {
    Path runsDir = dir.resolve("runs");
    UiDags.run(UiDags.flaky(), runsDir, "known");
    Path blocker = Files.writeString(dir.resolve("afile"), "not a folder");
    String target = blocker.resolve("x.html").toString();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int report;
    int run;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      report =
          Launcher.execute(
              UiDags.providers(),
              "report",
              "flaky",
              "known",
              "--runs-dir",
              runsDir.toString(),
              "-o",
              target);
      run =
          Launcher.execute(
              UiDags.providers(),
              "run",
              "flaky",
              "--run-id",
              "never",
              "--runs-dir",
              runsDir.toString(),
              "--report",
              target);
    } finally {
      System.setErr(err);
    }
    String words = captured.toString(StandardCharsets.UTF_8);
    assertThat(report).as(words).isEqualTo(2);
    assertThat(run).as(words).isEqualTo(2);
    assertThat(words)
        .contains("Cannot write the report to " + target + ": " + blocker + " is in the way")
        .contains("; nothing ran")
        .doesNotContain("\tat ");
    assertThat(Journals.in(runsDir).runs("flaky"))
        .extracting(RunSummary::runId)
        .containsExactly("known");
  }

  /** No script, no external resource, and a policy that would block one anyway. */
  static void selfContained(Document report, String html) {
    assertThat(report.select("script")).isEmpty();
    assertThat(report.select("link")).isEmpty();
    assertThat(report.select("[src]")).isEmpty();
    for (Element link : report.select("[href]")) {
      assertThat(link.attr("href")).startsWith("#");
    }
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("url(");
    assertThat(report.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'");
    assertThat(report.select("style").html()).contains(".state-success");
  }
}
