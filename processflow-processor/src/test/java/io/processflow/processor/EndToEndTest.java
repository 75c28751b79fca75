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
 * launcher in separate JVMs: output and exit codes. Nothing here depends on the wall clock: runs get
 * a fixed run id and logical date, and durations are not checked.
 */
class EndToEndTest {
  private static final String HELLO_DAG =
      """
      package e2e;

      import io.processflow.api.*;
      import java.util.List;
      import java.util.concurrent.*;

      @Dag(description = "Says hello", params = {@Param(name = "who", value = "nobody"), @Param(name = "times")})
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
          System.out.println("hello " + names.get(0) + " x" + count + " in " + ctx.runId() + " at " + ctx.logicalDate());
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
                "e2e.BigDag", bigDag()),
            true);
  }

  /** A chain of {@value #BIG} tasks passing an int along, and a sink that waits for all of them. */
  private static String bigDag() {
    StringBuilder source = new StringBuilder("package e2e;\n\nimport io.processflow.api.*;\n\n@Dag(id = \"big\")\npublic class BigDag {\n");
    source.append("  @Task int t0() { return 0; }\n");
    StringJoiner all = new StringJoiner(", ");
    all.add("\"t0\"");
    for (int i = 1; i < BIG; i++) {
      source.append("  @Task int t").append(i).append("(@From(\"t").append(i - 1).append("\") int n) { return n + 1; }\n");
      all.add("\"t" + i + "\"");
    }
    source.append("  @Task @DependsOn({").append(all).append("})\n");
    source.append("  void sink(@From(\"t").append(BIG - 1).append("\") int last) { System.out.println(\"last=\" + last); }\n}\n");
    return source.toString();
  }

  @Test
  void generatedMainRunsTheDagAndPrintsTheSummary() throws Exception {
    Jvm.Result result =
        Jvm.run(classes, "e2e.ProcessFlowHelloDag",
            "--run-id", "run_1", "--logical-date", "2024-01-31", "--param", "who=world", "--max-active-tasks", "2");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("hello world x2 in run_1 at 2024-01-31T00:00:00Z")
        .containsPattern("(?m)^task\\s+state\\s+tries\\s+duration$")
        .containsPattern("(?m)^names\\s+success\\s+1\\s")
        .containsPattern("(?m)^count\\s+success\\s+1\\s")
        .containsPattern("(?m)^greet\\s+success\\s+1\\s")
        .contains("dag hello_dag, run run_1: success");
  }

  @Test
  void defaultRunIdIsManualWithTheLogicalDateAndParamsTheirDefaults() throws Exception {
    Jvm.Result result = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--logical-date", "2024-02-01T06:30:00Z");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("hello nobody x2").contains("run manual__2024-02-01T06:30:00+00:00: success");
  }

  @Test
  void aParamTheDagDoesNotDeclareExitsWithTwoBeforeAnyTaskRuns() throws Exception {
    Jvm.Result result = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--param", "who=world", "--param", "whom=x");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Invalid value for option '--param': DAG 'hello_dag' has no param whom; its params are who, times")
        .contains("Usage:");
    assertThat(result.out()).isEmpty();

    Jvm.Result none = Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "failing_dag", "--param", "x=1");
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
    Jvm.Running run = Jvm.start(classes, "io.processflow.runtime.cli.Launcher", "run", "slow_dag", "--run-id", "int");
    run.awaitOutput("sleeping", 60);
    long pid = run.process().pid();
    if (ignoresSigint(pid)) {
      run.process().destroyForcibly();
      run.waitFor(60);
      Assumptions.abort("this JVM was started with SIGINT ignored (a background job), so the JVM does not handle it");
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

  /** True when {@code pid} ignores SIGINT (bit 1 of SigIgn in /proc/PID/status); false where unknown. */
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
        .contains("--run-id=ID", "--logical-date=DATE", "--param=KEY=VALUE", "--max-active-tasks=N", "--help");
  }

  @Test
  void launcherListsAndRunsTheRegisteredDags() throws Exception {
    Jvm.Result list = Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "list");
    assertThat(list.exitCode()).as(list.err()).isEqualTo(0);
    assertThat(list.out())
        .containsPattern("(?m)^big\\s*$")
        .containsPattern("(?m)^failing_dag\\s*$")
        .containsPattern("(?m)^hello_dag\\s+Says hello$")
        .containsPattern("(?m)^\\s+params: who=nobody, times=$");

    Jvm.Result run =
        Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "hello_dag", "--param", "who=launcher", "--run-id", "l1");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("hello launcher x2 in l1").contains("dag hello_dag, run l1: success");

    Jvm.Result unknown = Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "helo_dag");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown DAG id 'helo_dag'").contains("big, failing_dag, hello_dag, slow_dag");
  }

  @Test
  void aLargeDagIsSplitIntoPartsAndRuns() throws Exception {
    String generated = Files.readString(dir.resolve("generated/e2e/ProcessFlowBigDag.java"));
    assertThat(generated)
        .contains("private static final class Part1 implements Operator", "private static final class Part6")
        .doesNotContain("->");
    Jvm.Result result =
        Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "big", "--run-id", "b", "--max-active-tasks", "4");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("last=" + (BIG - 1)).contains("dag big, run b: success");
  }
}
