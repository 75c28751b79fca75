package io.processflow.samples.annotated;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.cli.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --resume/--clear/--runs-dir} and {@code list-runs} on the launcher, with the etl sample. */
class JournalCliTest {
  @TempDir Path runsDir;

  private record Outcome(int status, String out, String err) {}

  private Outcome launch(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int status = Launcher.execute(List.of(new ProcessFlowEtlDag(), new ProcessFlowTestDag()), args);
      return new Outcome(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void runJournalsResumeKeepsTypedOutputsClearRerunsAndListRunsShowsTheRuns() throws Exception {
    String dir = runsDir.toString();
    Outcome run = launch("run", "etl", "--runs-dir", dir, "--run-id", "r1", "--logical-date", "2024-01-31");
    assertThat(run.status()).as(run.err()).isZero();
    Path journal = runsDir.resolve("etl/r1.jsonl");
    List<String> first = Files.readAllLines(journal);
    // A header, the run's running and end, and per task the states it waited in, running, success.
    assertThat(first.get(0)).contains("\"type\":\"journal_header\"");
    assertThat(first).filteredOn(line -> line.contains("\"state\":\"running\"")).hasSize(1 + 4);
    assertThat(first).filteredOn(line -> line.contains("\"state\":\"success\"")).hasSize(4 + 1);

    Outcome again = launch("run", "etl", "--runs-dir", dir, "--run-id", "r1");
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.err()).contains("already has a journal").contains("--resume r1");

    Outcome resumed = launch("run", "etl", "--runs-dir", dir, "--resume", "r1", "--no-fsync");
    assertThat(resumed.status()).as(resumed.err()).isZero();
    // Nothing ran again: a header and the run's running and end.
    assertThat(Files.readAllLines(journal)).hasSize(first.size() + 1 + 2);

    Outcome cleared = launch("run", "etl", "--runs-dir", dir, "--resume", "r1", "--clear", "transform_a");
    assertThat(cleared.status()).as(cleared.err()).isZero();
    assertThat(cleared.out())
        .containsPattern("extract +success +1 ")
        .containsPattern("transform_a +success +2 ")
        .containsPattern("transform_b +success +1 ")
        .containsPattern("load +success +2 ")
        .contains("3 customers")
        .doesNotContain("failed");

    Outcome list = launch("list-runs", "etl", "--runs-dir", dir);
    assertThat(list.status()).isZero();
    assertThat(list.out()).containsPattern("run_id +start +end +state")
        .containsPattern("r1 +20\\d\\d-.*\\+00:00 +20\\d\\d-.*\\+00:00 +success \\(resumed 2x\\)");
  }

  @Test
  void badJournalArgumentsExitWith2AndSayWhy() {
    String dir = runsDir.toString();
    assertThat(launch("run", "etl", "--runs-dir", dir, "--run-id", "r1").status()).isZero();

    Outcome unknownTask = launch("run", "etl", "--runs-dir", dir, "--resume", "r1", "--clear", "transform_c");
    assertThat(unknownTask.status()).isEqualTo(2);
    assertThat(unknownTask.err()).contains("Unknown task 'transform_c' to clear");

    Outcome unknownRun = launch("run", "etl", "--runs-dir", dir, "--resume", "r2");
    assertThat(unknownRun.status()).isEqualTo(2);
    assertThat(unknownRun.err()).contains("no journal of run 'r2'").contains("recorded runs are: r1");

    Outcome clearAlone = launch("run", "etl", "--runs-dir", dir, "--clear", "load");
    assertThat(clearAlone.status()).isEqualTo(2);
    assertThat(clearAlone.err()).contains("--clear needs --resume");

    Outcome unknownDag = launch("list-runs", "etll", "--runs-dir", dir);
    assertThat(unknownDag.status()).isEqualTo(2);
    assertThat(unknownDag.err()).contains("Unknown DAG id 'etll'");
  }
}
