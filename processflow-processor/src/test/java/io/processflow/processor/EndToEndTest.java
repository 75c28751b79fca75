package io.processflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.processor.testing.Javac;
import io.processflow.processor.testing.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
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

      @Dag(description = "Says hello")
      public class HelloDag {
        @Task
        List<String> names(TaskContext ctx) {
          return List.of(String.valueOf(ctx.params().getOrDefault("who", "nobody")), "again");
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

  private static final int BIG = 1_500;

  @TempDir static Path dir;
  private static Path classes;

  @BeforeAll
  static void compile() throws Exception {
    classes =
        Javac.compile(
            dir,
            Map.of("e2e.HelloDag", HELLO_DAG, "e2e.FailingDag", FAILING_DAG, "e2e.BigDag", bigDag()),
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
  void defaultRunIdIsManualWithTheLogicalDate() throws Exception {
    Jvm.Result result = Jvm.run(classes, "e2e.ProcessFlowHelloDag", "--logical-date", "2024-02-01T06:30:00Z");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("run manual__2024-02-01T06:30:00+00:00: success");
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
        .containsPattern("(?m)^hello_dag\\s+Says hello$");

    Jvm.Result run =
        Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "hello_dag", "--param", "who=launcher", "--run-id", "l1");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("hello launcher x2 in l1").contains("dag hello_dag, run l1: success");

    Jvm.Result unknown = Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "helo_dag");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown DAG id 'helo_dag'").contains("big, failing_dag, hello_dag");
  }

  @Test
  void aLargeDagIsSplitIntoPartsAndRuns() throws Exception {
    String generated = Files.readString(dir.resolve("generated/e2e/ProcessFlowBigDag.java"));
    assertThat(generated).contains("private static final class Part1", "private static final class Part8");
    Jvm.Result result =
        Jvm.run(classes, "io.processflow.runtime.cli.Launcher", "run", "big", "--run-id", "b", "--max-active-tasks", "4");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("last=" + (BIG - 1)).contains("dag big, run b: success");
  }
}
