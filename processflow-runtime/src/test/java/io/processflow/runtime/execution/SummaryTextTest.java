package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskError;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run summary: counts first, failures with their errors, readable at 10,000 tasks. */
class SummaryTextTest {
  private final DagRunner runner = DagRunner.builder().workerThreads(2).build();

  @AfterEach
  void close() {
    runner.close();
  }

  private static RunConfig config() {
    return RunConfig.builder()
        .runId("r1")
        .logicalDate(Instant.parse("2024-01-31T00:00:00Z"))
        .build();
  }

  @Test
  void countsThenFailuresWithTheirErrorsThenTheTableThenALastLineNamingThem() {
    DagBuilder dag = DagBuilder.dag("etl");
    TaskHandle extract = dag.task("extract", ctx -> 1);
    TaskHandle load =
        dag.task(
            "load",
            ctx -> {
              throw new IOException("disk full\nsecond line");
            });
    TaskHandle report = dag.task("report", ctx -> null);
    extract.then(load).then(report);
    RunResult result = runner.run(dag.build(), config());
    String[] lines = result.summary().split("\n");
    assertThat(lines[0]).isEqualTo("3 tasks: 1 success, 1 failed, 1 upstream_failed");
    assertThat(lines[1]).isEqualTo("failed (1):");
    assertThat(lines[2]).isEqualTo("  load: java.io.IOException: disk full");
    assertThat(lines[3]).isEqualTo("      second line");
    assertThat(lines[4])
        .matches(
            "      at io\\.processflow\\.runtime\\.execution\\.SummaryTextTest\\.lambda\\$.*\\(SummaryTextTest\\.java:\\d+\\), 1 try; 1 task downstream upstream_failed");
    assertThat(lines[5]).matches("task\\s+state\\s+tries\\s+duration");
    assertThat(result.summary()).containsPattern("(?m)^report\\s+upstream_failed\\s+0\\s");
    assertThat(lines[lines.length - 1])
        .matches(
            "dag etl, run r1: failed in \\d+\\.\\d{3}s; failed: load \\(IOException: disk full\\)");
  }

  @Test
  void aSuccessfulRunEndsWithItsOutcomeOnly() {
    DagBuilder dag = DagBuilder.dag("ok");
    dag.task("a", ctx -> 1);
    String summary = runner.run(dag.build(), config()).summary();
    assertThat(summary).startsWith("1 task: 1 success\ntask ").doesNotContain("failed");
    assertThat(summary).containsPattern("dag ok, run r1: success in \\d+\\.\\d{3}s\n$");
  }

  @Test
  void aLargeRunListsOnlyWhatNeedsAttentionUnlessTheFullTableIsAsked() {
    DagBuilder dag = DagBuilder.dag("big");
    TaskHandle previous =
        dag.task(
            "t0",
            ctx -> {
              throw new IllegalStateException("source down");
            });
    for (int i = 1; i < 10_000; i++) {
      TaskHandle next = dag.task("t" + i, ctx -> null);
      if (i < 120) {
        previous.then(next);
        previous = next;
      }
    }
    RunResult result = runner.run(dag.build(), config());
    String summary = result.summary();
    assertThat(summary.lines().count()).isLessThan(12);
    assertThat(summary)
        .startsWith(
            "10000 tasks: 9880 success, 1 failed, 119 upstream_failed\nfailed (1):\n  t0: java.lang.IllegalStateException: source down\n")
        .containsPattern("\n      at .*, 1 try; 119 tasks downstream upstream_failed\n")
        .contains(
            "\nupstream_failed (119): t1, t2, t3, t4, t5, t6, t7, t8, t9, t10 ... and 109 more\n")
        .contains("(10000 tasks; --full-summary lists every one)\n")
        .doesNotContain("t11,")
        .containsPattern(
            "dag big, run r1: failed in \\d+\\.\\d{3}s; failed: t0 \\(IllegalStateException: source down\\)\n$");
    String full = result.summary(true);
    assertThat(full.lines().count()).isGreaterThan(10_000);
    assertThat(full).containsPattern("(?m)^t9999\\s+success\\s+1\\s");
  }

  @Test
  void manyFailuresAreCappedAndTheLastLineNamesTheFirstFew() {
    DagBuilder dag = DagBuilder.dag("many");
    for (int i = 0; i < 25; i++) {
      dag.task(
          "f" + i,
          ctx -> {
            throw new IllegalStateException("no");
          });
    }
    String summary = runner.run(dag.build(), config()).summary();
    assertThat(summary).contains("failed (25):\n").contains("  ... and 5 more failed tasks\n");
    assertThat(summary.lines().filter(line -> line.startsWith("  f")).count())
        .isEqualTo(SummaryText.FAILURES_SHOWN);
    assertThat(summary)
        .containsPattern(
            "; failed: f\\d+ \\(IllegalStateException: no\\), f\\d+ \\(IllegalStateException: no\\), f\\d+ \\(IllegalStateException: no\\) and 22 more\n$");
  }

  @Test
  void summaryTableKeepsItsFormat() {
    DagBuilder dag = DagBuilder.dag("ok");
    dag.task("a", ctx -> 1);
    assertThat(runner.run(dag.build(), config()).summaryTable())
        .matches(
            "task  state            tries    duration\n-{40}\na     success              1      \\d\\.\\d{3}s\n-{40}\ndag ok, run r1: success in \\d+\\.\\d{3}s\n");
  }

  @Test
  void theOriginIsTheFirstFrameInTheAuthorsCode() {
    String trace =
        """
        java.util.concurrent.CompletionException: java.nio.file.NoSuchFileException: /data/in.csv
        \tat java.base/java.util.concurrent.CompletableFuture.encodeThrowable(CompletableFuture.java:315)
        \tat io.processflow.runtime.execution.RunExecution.run(RunExecution.java:400)
        Caused by: java.nio.file.NoSuchFileException: /data/in.csv
        \tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)
        \tat java.base/java.nio.file.Files.readAllLines(Files.java:3288)
        \tat com.example.EtlDag.extract(EtlDag.java:42)
        \tat com.example.ProcessFlowEtlDag$Tasks.execute(ProcessFlowEtlDag.java:80)
        """;
    assertThat(ErrorOrigin.of(new TaskError("x", "y", trace)))
        .isEqualTo("com.example.EtlDag.extract(EtlDag.java:42)");
    String jdkOnly =
        "java.lang.IllegalStateException: x\n\tat java.base/java.util.Objects.requireNonNull(Objects.java:233)\n";
    assertThat(ErrorOrigin.of(new TaskError("x", "y", jdkOnly)))
        .isEqualTo("java.util.Objects.requireNonNull(Objects.java:233)");
    assertThat(ErrorOrigin.of(new TaskError("x", "y", ""))).isNull();
    assertThat(ErrorOrigin.shortError(new TaskError("java.io.IOException", "disk full\nmore", "")))
        .isEqualTo("IOException: disk full");
    assertThat(ErrorOrigin.shortError(new TaskError("a.B", null, ""))).isEqualTo("B");
  }
}
