package io.processflow.samples.annotated;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --resume/--clear/--runs-dir} and {@code list-runs} on the launcher, with the etl
 * sample.
 */
class JournalCliTest {
  @TempDir Path runsDir;

  private static CliRun launch(String... args) {
    return CliRun.launch(List.of(new ProcessFlowEtlDag(), new ProcessFlowTestDag()), args);
  }

  @Test
  void runJournalsResumeKeepsTypedOutputsClearRerunsAndListRunsShowsTheRuns() throws Exception {
    String dir = runsDir.toString();
    CliRun run =
        launch("run", "etl", "--runs-dir", dir, "--run-id", "r1", "--logical-date", "2024-01-31");
    assertThat(run.status()).as(run.err()).isZero();
    Path journal = runsDir.resolve("etl/r1.jsonl");
    List<String> first = Files.readAllLines(journal);
    // A header, the run's running and end, and per task the states it waited in, running, success.
    assertThat(first.get(0)).contains("\"type\":\"journal_header\"");
    assertThat(first).filteredOn(line -> line.contains("\"state\":\"running\"")).hasSize(1 + 4);
    assertThat(first).filteredOn(line -> line.contains("\"state\":\"success\"")).hasSize(4 + 1);

    CliRun again = launch("run", "etl", "--runs-dir", dir, "--run-id", "r1");
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.err()).contains("already has a journal").contains("--resume r1");

    CliRun resumed = launch("run", "etl", "--runs-dir", dir, "--resume", "r1", "--no-fsync");
    assertThat(resumed.status()).as(resumed.err()).isZero();
    // Nothing ran again: a header and the run's running and end.
    assertThat(Files.readAllLines(journal)).hasSize(first.size() + 1 + 2);

    CliRun cleared =
        launch("run", "etl", "--runs-dir", dir, "--resume", "r1", "--clear", "transform_a");
    assertThat(cleared.status()).as(cleared.err()).isZero();
    assertThat(cleared.out())
        .containsPattern("extract +success +1 ")
        .containsPattern("transform_a +success +2 ")
        .containsPattern("transform_b +success +1 ")
        .containsPattern("load +success +2 ")
        .contains("3 customers")
        .doesNotContain("failed");

    CliRun list = launch("list-runs", "etl", "--runs-dir", dir);
    assertThat(list.status()).isZero();
    assertThat(list.out())
        .containsPattern("run_id +run_type +logical_date +start +end +duration +state")
        .containsPattern(
            "r1 +manual +20\\d\\d-.*\\+00:00 +20\\d\\d-.*\\+00:00 +20\\d\\d-.*\\+00:00 +\\d+\\.\\d{3}s"
                + " +success \\(resumed 2x\\)");
  }

  @Test
  void badJournalArgumentsExitWith2AndSayWhy() {
    String dir = runsDir.toString();
    assertThat(launch("run", "etl", "--runs-dir", dir, "--run-id", "r1").status()).isZero();

    CliRun unknownTask =
        launch("run", "etl", "--runs-dir", dir, "--resume", "r1", "--clear", "transform_c");
    assertThat(unknownTask.status()).isEqualTo(2);
    assertThat(unknownTask.err()).contains("Unknown task 'transform_c' to clear");

    CliRun unknownRun = launch("run", "etl", "--runs-dir", dir, "--resume", "r2");
    assertThat(unknownRun.status()).isEqualTo(2);
    assertThat(unknownRun.err())
        .contains("no journal of run 'r2'")
        .contains("recorded runs are: r1");

    CliRun clearAlone = launch("run", "etl", "--runs-dir", dir, "--clear", "load");
    assertThat(clearAlone.status()).isEqualTo(2);
    assertThat(clearAlone.err()).contains("--clear needs --resume");

    CliRun unknownDag = launch("list-runs", "etll", "--runs-dir", dir);
    assertThat(unknownDag.status()).isEqualTo(2);
    assertThat(unknownDag.err()).contains("Unknown DAG id 'etll'");
  }
}
