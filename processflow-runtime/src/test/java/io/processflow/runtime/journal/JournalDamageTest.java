package io.processflow.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.operators.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journals damaged by a crash or by hand: only a last line without its newline, or not JSON, is
 * torn; bytes that are not UTF-8 are cut as torn at the end and an error naming the line elsewhere;
 * the journal never chooses a class to load.
 */
class JournalDamageTest {
  /** What {@link Canary} did: the journal must neither initialise nor construct it. */
  static final class CanaryLog {
    static final java.util.concurrent.atomic.AtomicInteger INITIALISED =
        new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger CONSTRUCTED =
        new java.util.concurrent.atomic.AtomicInteger();
  }

  /** Named only as text in this test, so that only a resume could load it. */
  public static final class Canary {
    static {
      CanaryLog.INITIALISED.incrementAndGet();
    }

    public Canary(String value) {
      CanaryLog.CONSTRUCTED.incrementAndGet();
    }
  }

  private static final String CANARY = "io.processflow.runtime.journal.JournalDamageTest$Canary";

  @TempDir Path runsDir;

  private final DagRunner runner = DagRunner.builder().workerThreads(2).build();
  private final AtomicBoolean failUse = new AtomicBoolean(true);

  @AfterEach
  void close() {
    runner.close();
  }

  /** A journal whose header line is damaged is left out of the runs, but not in silence. */
  @Test
  void aRunWhoseHeaderCannotBeReadIsLeftOutWithAWarningNamingItsFile() throws Exception {
    Journals journals = Journals.in(runsDir);
    for (String id : List.of("kept", "damaged")) {
      runner.run(
          dag("x"), RunConfig.builder().runId(id).recorder(journals.recorder(false)).build());
    }
    Path damaged = journals.file("damage", "damaged");
    List<String> lines = Files.readAllLines(damaged);
    lines.set(0, "garbage");
    Files.write(damaged, lines);
    try (LogCapture log = new LogCapture(Journals.class)) {
      assertThat(journals.runs("damage")).extracting(RunSummary::runId).containsExactly("kept");
      assertThat(log.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("WARN skipping " + damaged)
                      .contains("not a readable journal header"));
    }
  }

  @Test
  void aTaskToClearThatIsNotThereGetsTheClosestId() {
    Journals journals = Journals.in(runsDir);
    runner.run(
        dag("x"), RunConfig.builder().runId("r1").recorder(journals.recorder(false)).build());
    RecordedRun recorded = journals.read(dag("x"), "r1");
    assertThatThrownBy(() -> Resumes.plan(dag("x"), recorded, List.of("mak")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown task 'mak' to clear (did you mean 'make'?); DAG 'damage' has the tasks [make,"
                + " use]");
  }

  /** make (a String) -> use, which fails until told otherwise. */
  private DagDefinition dag(String made) {
    DagBuilder builder = DagBuilder.dag("damage");
    builder
        .task("make", ctx -> made)
        .outputType(String.class)
        .then(
            builder
                .task(
                    "use",
                    ctx -> {
                      if (failUse.get()) {
                        throw new IllegalStateException("fails on purpose");
                      }
                      return ctx.<String>xcomPull("make").length();
                    })
                .outputType(Integer.class));
    return builder.build();
  }

  private Path run(DagDefinition dag, String runId) {
    runner.run(
        dag,
        RunConfig.builder().runId(runId).recorder(Journals.in(runsDir).recorder(false)).build());
    return Journals.in(runsDir).file(dag.dagId(), runId);
  }

  private RunResult resume(DagDefinition dag, String runId) {
    RecordedRun recorded = Journals.in(runsDir).read(dag, runId);
    return runner.run(
        dag,
        RunConfig.builder()
            .runId(runId)
            .logicalDate(recorded.first().logicalDate())
            .resume(Resumes.plan(dag, recorded, List.of()))
            .recorder(Journals.in(runsDir).recorder(false))
            .build());
  }

  private static void append(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.APPEND);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The journal with line {@code number} (from 1) replaced by {@code line}, its newline kept. */
  private static void replaceLine(Path file, int number, byte[] line) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int current = 1;
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        if (current == number) {
          out.write(line);
        } else {
          out.write(all, start, i - start);
        }
        out.write('\n');
        current++;
        start = i + 1;
      }
    }
    Files.write(file, out.toByteArray());
  }

  private static int lineOf(Path file, String contains) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(contains)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + contains);
  }

  @Test
  void aTornLastLineCutInsideAMultiByteCharacterIsIgnoredAndCut() throws IOException {
    DagDefinition dag = dag("grün");
    Path file = run(dag, "r1");
    long intact = Files.size(file);
    byte[] u =
        bytes(
            "{\"type\":\""
                + TaskStatusUpdate.TYPE
                + "\",\"runId\":\"r1\",\"taskId\":\"use\",\"error\":\"gr\u00FC");
    append(file, java.util.Arrays.copyOf(u, u.length - 1)); // the first byte of ü only

    assertThat(JournalReader.read(file, dag).warnings())
        .singleElement()
        .asString()
        .contains("torn last line");
    assertThat(Journals.in(runsDir).runs("damage"))
        .singleElement()
        .extracting(RunSummary::runId)
        .isEqualTo("r1");
    failUse.set(false);
    RunResult resumed = resume(dag, "r1");
    assertThat(resumed.succeeded()).isTrue();
    assertThat(resumed.task("use").output()).isEqualTo(4);
    assertThat(Files.readAllBytes(file)).hasSizeGreaterThan((int) intact);
    assertThat(JournalReader.read(file, dag).warnings()).isEmpty();
  }

  @Test
  void aLatin1ByteInACompleteLineIsAnErrorNamingTheLineAndListRunsShowsEveryRun()
      throws IOException {
    DagDefinition dag = dag("grün");
    Path file = run(dag, "r1");
    run(dag, "r2");
    int line = lineOf(file, "gr\u00FCn");
    String text = Files.readAllLines(file).get(line - 1);
    byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
    replaceLine(file, line, latin1);

    assertThatThrownBy(() -> Journals.in(runsDir).read(dag, "r1"))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith(
            file + ":" + line + ": byte " + (text.indexOf('\u00FC') + 1) + " of the line (0xFC)")
        .hasMessageContaining("not UTF-8");
    assertThat(Journals.in(runsDir).runs("damage"))
        .extracting(RunSummary::runId)
        .containsExactly("r1", "r2");

    // the same byte in the last line, complete with its newline, is no torn line either
    Path other = Journals.in(runsDir).file("damage", "r2");
    append(other, latin1);
    append(other, new byte[] {'\n'});
    int last = Files.readAllLines(other, StandardCharsets.ISO_8859_1).size();
    assertThatThrownBy(() -> Journals.in(runsDir).read(dag, "r2"))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith(other + ":" + last + ": byte ");
  }

  @Test
  void aCompleteValidLastLineWithABadStateIsAnErrorNotATornLine() throws IOException {
    DagDefinition dag = dag("x");
    Path file = run(dag, "r1");
    int lines = Files.readAllLines(file).size();
    append(
        file,
        bytes(
            "{\"type\":\""
                + TaskStatusUpdate.TYPE
                + "\",\"runId\":\"r1\",\"taskId\":\"use\",\"timestamp\":"
                + "\"2026-01-01T00:00:00Z\",\"state\":\"bogus\",\"tryNumber\":1,\"error\":null,\"output\":null}\n"));

    assertThatThrownBy(() -> JournalReader.read(file, dag))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith(file + ":" + (lines + 1) + ": unreadable entry")
        .hasMessageContaining("bogus")
        .hasMessageContaining("not torn");
    assertThat(Files.readAllLines(file)).hasSize(lines + 1);

    // trailing garbage after the object makes a line that is not JSON: torn at the end
    replaceLine(file, lines + 1, bytes("{\"type\":\"dag_run_status_update\"} trailing"));
    assertThat(JournalReader.read(file, dag).warnings())
        .singleElement()
        .asString()
        .contains(":" + (lines + 1) + ":");
  }

  @Test
  void aCompleteLastLineWithA30MegabyteOutputIsKept() throws IOException {
    String big = "y".repeat(30_000_000);
    DagDefinition dag = dag(big);
    Path file = run(dag, "r1");
    int line = lineOf(file, "\"output\":\"yyy");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, line)); // as after a kill right after make's success

    RecordedRun recorded = JournalReader.read(file, dag);
    assertThat(recorded.warnings()).isEmpty();
    assertThat(recorded.actions())
        .filteredOn(a -> a instanceof TaskStatusUpdate u && u.state() == TaskState.SUCCESS)
        .singleElement()
        .satisfies(a -> assertThat(((TaskStatusUpdate) a).output()).isEqualTo(big));
    failUse.set(false);
    assertThat(resume(dag, "r1").task("use").output()).isEqualTo(30_000_000);
  }

  @Test
  void anOutputBeforeItsTaskIdAndTypeIsStillReadAsTheDeclaredType() throws IOException {
    DagDefinition dag = dag("made");
    Path file = run(dag, "r1");
    int line = lineOf(file, "\"output\":\"made\"");
    String original = Files.readAllLines(file).get(line - 1);
    String reordered =
        "{\"output\":\"made\"," + original.substring(1).replace(",\"output\":\"made\"", "");
    replaceLine(file, line, bytes(reordered));
    assertThat(Journals.in(runsDir).read(dag, "r1").actions())
        .filteredOn(a -> a instanceof TaskStatusUpdate u && u.state() == TaskState.SUCCESS)
        .singleElement()
        .satisfies(a -> assertThat(((TaskStatusUpdate) a).output()).isEqualTo("made"));
  }

  @Test
  void theJournalNeverLoadsOrConstructsTheClassItNames() throws IOException {
    DagDefinition dag = dag("made");
    Path file = run(dag, "r1");
    int line = lineOf(file, "\"outputType\":\"java.lang.String\"");
    String original = Files.readAllLines(file).get(line - 1);
    for (String[] attack :
        new String[][] {
          {"java.lang.Class", "\"" + CANARY + "\""},
          {CANARY, "\"x\""},
          {"java.util.ArrayList<" + CANARY + ">", "[\"x\"]"}
        }) {
      replaceLine(
          file,
          line,
          bytes(
              original
                  .replace(
                      "\"outputType\":\"java.lang.String\"", "\"outputType\":\"" + attack[0] + "\"")
                  .replace("\"output\":\"made\"", "\"output\":" + attack[1])));
      RecordedRun recorded = Journals.in(runsDir).read(dag, "r1");
      assertThatThrownBy(() -> Resumes.plan(dag, recorded, List.of()))
          .isInstanceOf(JournalException.class)
          .hasMessageStartingWith(
              file + ":" + line + ": the output of task 'make' was journaled as " + attack[0])
          .hasMessageContaining("now declares java.lang.String")
          .hasMessageContaining("--clear make");
      // cleared, the task runs again and the journaled text is never used
      failUse.set(false);
      RunResult cleared =
          runner.run(
              dag,
              RunConfig.builder()
                  .runId("r1")
                  .logicalDate(recorded.first().logicalDate())
                  .resume(Resumes.plan(dag, recorded, List.of("make")))
                  .build());
      assertThat(cleared.task("use").output()).isEqualTo(4);
      failUse.set(true);
    }
    assertThat(CanaryLog.INITIALISED).hasValue(0);
    assertThat(CanaryLog.CONSTRUCTED).hasValue(0);
  }
}
