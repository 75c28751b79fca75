package io.processflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.processor.testing.Javac;
import io.processflow.processor.testing.Jvm;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles annotated DAGs with javac and the processor, then runs their generated mains and the
 * launcher in separate JVMs: output and exit codes. Nothing here depends on the wall clock: runs
 * get a fixed run id and logical date, and durations are not checked.
 */
class EndToEndTest {
  private static final String HELLO_DAG =
      """
      package e2e;

      import io.processflow.api.*;
      import java.util.List;
      import java.util.concurrent.*;

      @Dag(description = "Says hello", params = {
          @Param(name = "who", value = "nobody"),
          @Param(name = "times", value = "1", type = ParamType.INTEGER, minimum = 1, description = "How many greetings")})
      public class HelloDag {
        @Task
        List<String> names(TaskContext ctx) {
          return List.of(String.valueOf(ctx.params().get("who")), "again");
        }

        @Task
        CompletionStage<Integer> count(@From("names") List<String> names) {
          return CompletableFuture.supplyAsync(names::size);
        }

        @Task
        void greet(@From("names") List<String> names, @From("count") int count, TaskContext ctx) {
          long times = (Long) ctx.params().get("times");
          System.out.println("hello " + names.get(0) + " x" + count + " in " + ctx.runId() + " at " + ctx.logicalDate() + " times " + times);
        }
      }
      """;

  private static final String FAILING_DAG =
      """
      package e2e;

      import io.processflow.api.*;

      @Dag
      public class FailingDag {
        @Task(allowToFail = true) void flaky() { throw new IllegalStateException("allowed"); }
        @Task @DependsOn("flaky") void boom() { throw new IllegalStateException("boom"); }
        @Task @DependsOn("boom") void after() {}
      }
      """;

  /** A task that sleeps for a minute between two quick ones: something to cancel. */
  private static final String SLOW_DAG =
      """
      package e2e;

      import io.processflow.api.*;

      @Dag
      public class SlowDag {
        @Task void first() {}
        @Task @DependsOn("first") void sleeper() throws InterruptedException {
          System.out.println("sleeping");
          Thread.sleep(60_000);
        }
        @Task @DependsOn("sleeper") void after() { System.out.println("after ran"); }
      }
      """;

  /**
   * A task that fails on every try, with retries, and one downstream: what a failure looks like.
   */
  private static final String RETRY_DAG =
      """
      package e2e;

      import io.processflow.api.*;

      @Dag(id = "retry_dag", retries = 2, retryDelay = "10ms")
      public class RetryDag {
        @Task void extract() {}
        @Task @DependsOn("extract") void load() throws java.io.IOException {
          throw new java.io.IOException("disk full");
        }
        @Task @DependsOn("load") void report() {}
      }
      """;

  /** Tasks on queues: the DAG's default and a task's own. */
  private static final String QUEUED_DAG =
      """
      package e2e;

      import io.processflow.api.*;

      @Dag(id = "queued_dag", queue = "etl")
      public class QueuedDag {
        @Task void extract() {}
        @Task(queue = "gpu") @DependsOn("extract") void train() {}
        @Task @DependsOn("train") void report() {}
      }
      """;

  /** Prints each registered DAG's queues as its provider answers and as its built DAG has them. */
  private static final String QUEUES_MAIN =
      """
      package e2e;

      import io.processflow.runtime.dsl.DagProvider;
      import java.util.ServiceLoader;

      public class QueuesMain {
        public static void main(String[] args) {
          for (DagProvider provider : ServiceLoader.load(DagProvider.class)) {
            System.out.println(
                provider.dagId() + " " + provider.queues() + " " + provider.definition().queues());
          }
        }
      }
      """;

  /** A task that takes a while, for progress lines. */
  private static final String NAP_DAG =
      """
      package e2e;

      import io.processflow.api.*;

      @Dag(id = "nap_dag")
      public class NapDag {
        @Task void first() {}
        @Task @DependsOn("first") void nap() throws InterruptedException { Thread.sleep(1_500); }
        @Task @DependsOn("nap") void last() {}
      }
      """;

  private static final int BIG = 1_500;

  @TempDir static Path dir;
  private static Path classes;

  @BeforeAll
  static void compile() throws Exception {
    classes =
        Javac.compile(
            dir,
            Map.of(
                "e2e.HelloDag", HELLO_DAG,
                "e2e.FailingDag", FAILING_DAG,
                "e2e.SlowDag", SLOW_DAG,
                "e2e.RetryDag", RETRY_DAG,
                "e2e.NapDag", NAP_DAG,
                "e2e.QueuedDag", QUEUED_DAG,
                "e2e.QueuesMain", QUEUES_MAIN,
                "e2e.BigDag", bigDag()),
            true);
  }

  /** A chain of {@value #BIG} tasks passing an int along, and a sink that waits for all of them. */
  private static String bigDag() {
    StringBuilder source =
        new StringBuilder(
            "package e2e;\n\nimport io.processflow.api.*;\n\n@Dag(id = \"big\")\npublic class BigDag {\n");
    source.append("  @Task int t0() { return 0; }\n");
    StringJoiner all = new StringJoiner(", ");
    all.add("\"t0\"");
    for (int i = 1; i < BIG; i++) {
      source
          .append("  @Task int t")
          .append(i)
          .append("(@From(\"t")
          .append(i - 1)
          .append("\") int n) { return n + 1; }\n");
      all.add("\"t" + i + "\"");
    }
    source.append("  @Task @DependsOn({").append(all).append("})\n");
    source
        .append("  void sink(@From(\"t")
        .append(BIG - 1)
        .append("\") int last) { System.out.println(\"last=\" + last); }\n}\n");
    return source.toString();
  }

  @Test
  void generatedMainRunsTheDagAndPrintsTheSummary() throws Exception {
    Jvm.Result result =
        Jvm.run(
            classes,
            "e2e.ProcessFlowHelloDag",
            "--run-id",
            "run_1",
            "--logical-date",
            "2024-01-31",
            "--param",
            "who=world",
            "--max-active-tasks",
            "2");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("hello world x2 in run_1 at 2024-01-31T00:00:00Z times 1")
        .containsPattern("(?m)^task\\s+state\\s+tries\\s+duration$")
        .containsPattern("(?m)^names\\s+success\\s+1\\s")
        .containsPattern("(?m)^count\\s+success\\s+1\\s")
        .containsPattern("(?m)^greet\\s+success\\s+1\\s")
        .contains("dag hello_dag, run run_1: success");
  }

  @Test
  void defaultRunIdIsManualWithTheLogicalDateAndParamsTheirDefaults() throws Exception {
    Jvm.Result result =
        Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--logical-date", "2024-02-01T06:30:00Z");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("hello nobody x2")
        .contains("run manual__2024-02-01T06:30:00+00:00: success");
  }

  @Test
  void aParamTheDagDoesNotDeclareExitsWithTwoBeforeAnyTaskRuns() throws Exception {
    Jvm.Result result =
        Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--param", "who=world", "--param", "whom=x");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "Invalid value for option '--param': DAG 'hello_dag' has no param whom (did you mean who?); its params are"
                + " who, times")
        .contains("Usage:");
    assertThat(result.out()).isEmpty();

    Jvm.Result none =
        Jvm.run(
            classes, "io.processflow.runtime.cli.Launcher", "run", "failing_dag", "--param", "x=1");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("DAG 'failing_dag' has no param x; it declares no params");
    assertThat(none.out()).isEmpty();
  }

  @Test
  void sigtermCancelsTheRunningTaskPrintsTheSummaryAndExits143() throws Exception {
    Jvm.Running run = Jvm.start(classes, "e2e.ProcessFlowSlowDag", "--run-id", "term");
    run.awaitOutput("sleeping", 60);
    // SIGTERM on Linux and macOS; Process.destroy() would also close the pipe we read.
    run.process().toHandle().destroy();
    Jvm.Result result = run.waitFor(60);
    assertCancelled(result, 143, "term");
  }

  @Test
  void sigintCancelsTheRunningTaskPrintsTheSummaryAndExits130() throws Exception {
    Jvm.Running run =
        Jvm.start(
            classes, "io.processflow.runtime.cli.Launcher", "run", "slow_dag", "--run-id", "int");
    run.awaitOutput("sleeping", 60);
    long pid = run.process().pid();
    if (ignoresSigint(pid)) {
      run.process().destroyForcibly();
      run.waitFor(60);
      Assumptions.abort(
          "this JVM was started with SIGINT ignored (a background job), so the JVM does not handle it");
    }
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isEqualTo(0);
    Jvm.Result result = run.waitFor(60);
    assertCancelled(result, 130, "int");
  }

  private static void assertCancelled(Jvm.Result result, int exitCode, String runId) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(exitCode);
    assertThat(result.out())
        .containsPattern("(?m)^first\\s+success\\s")
        .containsPattern("(?m)^sleeper\\s+failed\\s")
        .containsPattern("(?m)^after\\s+none\\s")
        .doesNotContain("after ran")
        .contains("dag slow_dag, run " + runId + ": failed");
  }

  /**
   * True when {@code pid} ignores SIGINT (bit 1 of SigIgn in /proc/PID/status); false where
   * unknown.
   */
  private static boolean ignoresSigint(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (new BigInteger(line.substring("SigIgn:".length()).trim(), 16).longValue() & 2) != 0;
      }
    }
    return false;
  }

  @Test
  void aFailedRunExitsWithOne() throws Exception {
    Jvm.Result result = Jvm.run(classes, "e2e.ProcessFlowFailingDag", "--run-id", "r");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .containsPattern("(?m)^flaky\\s+failed\\s")
        .containsPattern("(?m)^boom\\s+failed\\s")
        .containsPattern("(?m)^after\\s+upstream_failed\\s")
        .contains("dag failing_dag, run r: failed");
  }

  @Test
  void badArgumentsExitWithTwoAndNameTheArgument() throws Exception {
    Jvm.Result notANumber = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--max-active-tasks", "x");
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.err()).contains("--max-active-tasks").contains("'x'").contains("Usage:");
    assertThat(notANumber.out()).isEmpty();

    Jvm.Result unknown = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--bogus");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--bogus'").contains("Usage:");

    Jvm.Result zero = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--max-active-tasks", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--max-active-tasks").contains("at least 1");

    Jvm.Result badDate = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--logical-date", "yesterday");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("--logical-date").contains("'yesterday' is not a date");
  }

  @Test
  void helpListsTheOptions() throws Exception {
    Jvm.Result result = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--help");
    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out())
        .contains(
            "--run-id=ID",
            "--logical-date=DATE",
            "--param=KEY=VALUE",
            "--max-active-tasks=N",
            "--help");
  }

  @Test
  void launcherListsAndRunsTheRegisteredDags() throws Exception {
    Jvm.Result list = Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "list");
    assertThat(list.exitCode()).as(list.err()).isEqualTo(0);
    assertThat(list.out())
        .containsPattern("(?m)^big\\s*$")
        .containsPattern("(?m)^failing_dag\\s*$")
        .containsPattern("(?m)^hello_dag\\s+Says hello$")
        .containsPattern("(?m)^\\s+param who: string, default 'nobody'$")
        .containsPattern(
            "(?m)^\\s+param times: integer, default 1, at least 1 - How many greetings$")
        .containsPattern("(?m)^\\s+queues: etl, gpu$")
        .doesNotContain("queues: default");
    // The generated providers answer without building their DAGs, as the built DAGs would.
    Jvm.Result queues = Jvm.run(classes, "e2e.QueuesMain");
    assertThat(queues.exitCode()).as(queues.err()).isEqualTo(0);
    assertThat(queues.out())
        .contains("queued_dag [etl, gpu] [etl, gpu]")
        .contains("hello_dag [default] [default]");

    Jvm.Result run =
        Jvm.run(
            classes,
            "io.processflow.runtime.cli.Launcher",
            "run",
            "hello_dag",
            "--param",
            "who=launcher",
            "--param",
            "times=3",
            "--run-id",
            "l1");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("hello launcher x2 in l1")
        .contains("times 3")
        .contains("dag hello_dag, run l1: success");

    Jvm.Result unknown = Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "helo_dag");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("Unknown DAG id 'helo_dag'")
        .contains("big, failing_dag, hello_dag, nap_dag, queued_dag, retry_dag, slow_dag");
  }

  @Test
  void aLargeDagIsSplitIntoPartsAndRuns() throws Exception {
    String generated = Files.readString(dir.resolve("generated/e2e/ProcessFlowBigDag.java"));
    assertThat(generated)
        .contains(
            "private static final class Part1 implements Operator",
            "private static final class Part6")
        .doesNotContain("->");
    Jvm.Result result =
        Jvm.run(
            classes,
            "io.processflow.runtime.cli.Launcher",
            "run",
            "big",
            "--run-id",
            "b",
            "--max-active-tasks",
            "4");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("last=" + (BIG - 1)).contains("dag big, run b: success");
  }

  @Test
  void typedParamsAreParsedAndCheckedBeforeAnyTaskRuns() throws Exception {
    Jvm.Result notANumber = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--param", "times=x");
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.err())
        .contains(
            "Invalid value for option '--param': param 'times' must be an integer (a whole number such as 100); it was 'x'")
        .contains("Usage:");
    assertThat(notANumber.out()).isEmpty();

    Jvm.Result tooSmall = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--param", "times=0");
    assertThat(tooSmall.exitCode()).isEqualTo(2);
    assertThat(tooSmall.err()).contains("param 'times' must be at least 1; it was 0");

    Jvm.Result misspelt = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--param", "tims=2");
    assertThat(misspelt.exitCode()).isEqualTo(2);
    assertThat(misspelt.err()).contains("has no param tims (did you mean times?)");
  }

  /**
   * With only slf4j-api on the classpath (this test's: no logging backend), a failed run still says
   * which task failed, why and where, and every retry as it happens.
   */
  @Test
  void failuresAndRetriesShowWithoutALoggingBackend() throws Exception {
    Jvm.Result result = Jvm.run(classes, "e2e.ProcessFlowRetryDag", "--run-id", "r");
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.err())
        .contains(
            "load failed on try 1 of 3: IOException: disk full; retrying in 10ms\n"
                + "load failed on try 2 of 3: IOException: disk full; retrying in 10ms\n"
                + "load failed on try 3 of 3: IOException: disk full\n")
        .doesNotContain("[progress]"); // a short run prints no progress line
    int line =
        RETRY_DAG
                .lines()
                .toList()
                .indexOf("  @Task @DependsOn(\"extract\") void load() throws java.io.IOException {")
            + 2;
    assertThat(result.out())
        .startsWith(
            "3 tasks: 1 success, 1 failed, 1 upstream_failed\n"
                + "failed (1):\n"
                + "  load: java.io.IOException: disk full\n"
                + "      at e2e.RetryDag.load(RetryDag.java:"
                + line
                + "), 3 tries; 1 task downstream upstream_failed\n")
        .containsPattern("(?m)^report\\s+upstream_failed\\s")
        .containsPattern(
            "dag retry_dag, run r: failed in \\d+\\.\\d{3}s; failed: load \\(IOException: disk full\\)\n$");
  }

  @Test
  void progressLinesWhenNotOnATerminal() throws Exception {
    Jvm.Result result =
        Jvm.run(
            classes,
            "e2e.ProcessFlowNapDag",
            "--run-id",
            "p",
            "--progress",
            "lines",
            "--progress-interval",
            "200ms");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.err())
        .containsPattern("(?m)^\\[progress\\] 1/3 done, 1 running, 0 failed, 0:0\\d elapsed$");
    assertThat(result.out()).startsWith("3 tasks: 3 success\n");
  }

  /** On a terminal (a pseudo-terminal from util-linux's script), the status line is JLine's. */
  @Test
  void aLiveStatusLineOnATerminal() throws Exception {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(
        Files.isExecutable(script), "needs util-linux's script for a pseudo-terminal");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "export TERM=xterm; stty rows 24 cols 100; "
            + javaBin
            + " -cp '"
            + classes
            + java.io.File.pathSeparator
            + System.getProperty("java.class.path")
            + "' e2e.ProcessFlowNapDag --run-id t";
    Path workDir = Files.createTempDirectory("tty");
    Process process =
        new ProcessBuilder(script.toString(), "-qefc", command, "/dev/null")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isEqualTo(0);
    // JLine draws the status whole once, then only the characters that change.
    assertThat(out)
        .containsPattern("[0-3]/3 done, [01] running, 0 failed, 0:0\\d elapsed")
        .contains("\u001b[1;23r") // the scroll region that keeps the last line for the status
        .contains("3 tasks: 3 success")
        .contains("dag nap_dag, run t: success");
  }
}
