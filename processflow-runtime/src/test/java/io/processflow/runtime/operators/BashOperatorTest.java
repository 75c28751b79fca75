package io.processflow.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.template.FakeTaskContext;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.template.TemplateException;
import io.processflow.runtime.time.ManualTimer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashOperatorTest {
  private final FakeTaskContext context =
      new FakeTaskContext(
              "load", Instant.parse("2024-01-31T00:00:00Z"), TemplateEngine.defaultEngine())
          .param("name", "it's me; rm -rf /")
          .output("extract", "{{ ds }}");

  @SuppressWarnings("unchecked")
  private static CompletableFuture<String> start(BashOperator op, FakeTaskContext ctx)
      throws Exception {
    return (CompletableFuture<String>) op.execute(ctx);
  }

  private static String run(BashOperator op, FakeTaskContext ctx) throws Exception {
    return start(op, ctx).get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    return future.handle((v, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
  }

  @Test
  void outputIsTheLastLineOfStdout() throws Exception {
    assertThat(run(new BashOperator("echo first; echo 'last {{ ds }}'; echo oops >&2"), context))
        .isEqualTo("last 2024-01-31");
    assertThat(run(new BashOperator("true"), context)).isEmpty();
  }

  @Test
  void shellQuoteKeepsParamsAndOutputsLiteral() throws Exception {
    assertThat(run(new BashOperator("echo {{ params.name | shell_quote }}"), context))
        .isEqualTo("it's me; rm -rf /");
    assertThat(
            run(
                new BashOperator("echo {{ ti.xcom_pull(task_ids='extract') | shell_quote }}"),
                context))
        .isEqualTo("{{ ds }}");
  }

  @Test
  void nonZeroExitFailsWithTheCodeAndTheLastLinesOfStderr() throws Exception {
    CompletableFuture<String> result =
        start(new BashOperator("for i in $(seq 1 30); do echo err$i >&2; done; exit 3"), context);
    Throwable error = failure(result);
    assertThat(error).isInstanceOf(BashCommandException.class);
    BashCommandException bash = (BashCommandException) error;
    assertThat(bash.exitCode()).isEqualTo(3);
    assertThat(bash.stderrTail()).hasSize(20).startsWith("err11").endsWith("err30");
    assertThat(bash.getMessage())
        .startsWith("Bash command of task 'load' failed with exit code 3; last lines of stderr:")
        .contains("err30")
        .doesNotContain("err10\n");
  }

  @Test
  void envAndCwdAreTemplated(@TempDir Path dir) throws Exception {
    BashOperator op =
        new BashOperator("echo \"$GREETING from $(pwd)\"")
            .env(Map.of("GREETING", "hello {{ ds }}"))
            .cwd(dir.toString() + "/{{ ds_nodash }}");
    Files.createDirectory(dir.resolve("20240131"));
    assertThat(run(op, context))
        .isEqualTo("hello 2024-01-31 from " + dir.toRealPath().resolve("20240131"));
  }

  @Test
  void envReplacesTheEnvironmentUnlessAppended() throws Exception {
    assertThat(run(new BashOperator("echo \"[$HOME]\"").env(Map.of("A", "1")), context))
        .isEqualTo("[]");
    assertThat(
            run(new BashOperator("echo \"[$A]\"").env(Map.of("A", "1")).appendEnv(true), context))
        .isEqualTo("[1]");
  }

  @Test
  void commandEndingInShIsATemplateFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("hello.sh"), "echo file {{ ds }}\n");
    BashOperator op =
        new BashOperator("hello.sh")
            .templateEngine(TemplateEngine.builder().searchPath(dir).build());
    assertThat(run(op, context)).isEqualTo("file 2024-01-31");
  }

  @Test
  void aTemplateErrorFailsBeforeAnythingRuns() {
    assertThatThrownBy(() -> start(new BashOperator("echo ok\necho {{ params.missing }}"), context))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.templateName()).isEqualTo("load.bash_command");
              assertThat(e.line()).isEqualTo(2);
            });
  }

  /**
   * Runs {@code op} as task {@code load} with an {@code executionTimeout} of {@code timeout} on
   * {@code runner}, whose timer is the test's: the operator has none of its own.
   */
  private static CompletableFuture<RunResult> runWithTimeout(
      BashOperator op, Duration timeout, DagRunner runner) {
    DagBuilder dag = DagBuilder.dag("bash_timeout");
    dag.task("load", op).executionTimeout(timeout);
    return runner.runAsync(dag.build(), RunConfig.defaults());
  }

  @Test
  void theRunsTimeoutErrorHoldsTheEndOfStderrAndTheOutputIsLogged(@TempDir Path dir)
      throws Exception {
    ManualTimer timer = new ManualTimer();
    Path started = dir.resolve("started");
    try (LogCapture log = new LogCapture(BashOperator.class);
        DagRunner runner = DagRunner.builder().timer(timer).build()) {
      String command =
          "echo 'rows: 10'; for i in $(seq 1 25); do echo err$i >&2; done; echo $$ > "
              + started
              + "; sleep 300";
      CompletableFuture<RunResult> run =
          runWithTimeout(new BashOperator(command), Duration.ofSeconds(1), runner);
      ProcessHandle bash = awaitPid(started);
      timer.advance(Duration.ofSeconds(1));
      RunResult result = run.get(30, TimeUnit.SECONDS);

      assertThat(result.task("load").state()).isEqualTo(TaskState.FAILED);
      assertThat(result.task("load").error().type()).isEqualTo(TimeoutException.class.getName());
      StringBuilder tail = new StringBuilder();
      for (int i = 6; i <= 25; i++) {
        tail.append("\n  err").append(i);
      }
      assertThat(result.task("load").error().message())
          .isEqualTo(
              "task 'load' timed out after PT1S (executionTimeout); it was cancelled; last lines of stderr:"
                  + tail);
      assertEnds(bash);
      log.await("WARN [load] err25");
      assertThat(log.lines()).contains("INFO [load] rows: 10", "WARN [load] err1");
    }
  }

  @Test
  void aCommandThatWroteNoStderrTimesOutWithTheRunsMessageAlone(@TempDir Path dir)
      throws Exception {
    ManualTimer timer = new ManualTimer();
    Path started = dir.resolve("started");
    try (DagRunner runner = DagRunner.builder().timer(timer).build()) {
      CompletableFuture<RunResult> run =
          runWithTimeout(
              new BashOperator("echo $$ > " + started + "; sleep 300"),
              Duration.ofMinutes(1),
              runner);
      ProcessHandle bash = awaitPid(started);
      timer.advance(Duration.ofMinutes(1));

      assertThat(run.get(30, TimeUnit.SECONDS).task("load").error().message())
          .isEqualTo("task 'load' timed out after PT1M (executionTimeout); it was cancelled");
      assertEnds(bash);
    }
  }

  @Test
  void aCancelledCommandsOutputIsLogged(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    try (LogCapture log = new LogCapture(BashOperator.class)) {
      CompletableFuture<String> result =
          start(
              new BashOperator(
                  "echo 'rows: 10'; echo 'slow upstream' >&2; echo $$ > "
                      + started
                      + "; sleep 300"),
              context);
      ProcessHandle bash = awaitPid(started);

      result.cancel(true);

      bash.onExit().get(30, TimeUnit.SECONDS);
      log.await(
          "WARN task load: bash command was cancelled and killed; last lines of stderr:\n  slow upstream");
      assertThat(log.lines()).contains("INFO [load] rows: 10", "WARN [load] slow upstream");
    }
  }

  @Test
  void cancellingKillsTheProcessTree(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("child.pid");
    CompletableFuture<String> result =
        start(new BashOperator("sleep 300 & echo $! > " + pidFile + "; wait"), context);
    ProcessHandle child = awaitPid(pidFile);

    result.cancel(true);

    child.onExit().get(30, TimeUnit.SECONDS);
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void theRuntimesExecutionTimeoutKillsTheProcessTreeInADag(@TempDir Path dir) throws Exception {
    ManualTimer timer = new ManualTimer();
    Path pidFile = dir.resolve("child.pid");
    DagBuilder dag = DagBuilder.dag("bash_timeout");
    dag.task("sleepy", new BashOperator("sleep 300 & echo $! > " + pidFile + "; wait"))
        .executionTimeout(Duration.ofMinutes(1));
    try (DagRunner runner = DagRunner.builder().timer(timer).build()) {
      CompletableFuture<RunResult> run = runner.runAsync(dag.build(), RunConfig.defaults());
      ProcessHandle child = awaitPid(pidFile);
      timer.advance(Duration.ofMinutes(1));
      RunResult result = run.get(30, TimeUnit.SECONDS);

      assertThat(result.task("sleepy").state()).isEqualTo(TaskState.FAILED);
      assertThat(result.task("sleepy").error().type()).isEqualTo(TimeoutException.class.getName());
      child.onExit().get(30, TimeUnit.SECONDS);
      assertThat(child.isAlive()).isFalse();
    }
  }

  @Test
  void outputThatIsNotUtf8DoesNotFailASuccessfulCommand() throws Exception {
    CompletableFuture<String> result =
        start(new BashOperator("printf 'caf\\xe9\\n'; echo done"), context);
    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("done");
  }

  @Test
  void aMissingCwdFailsClearly() {
    assertThatThrownBy(() -> start(new BashOperator("true").cwd("/no/such/dir"), context))
        .hasMessageContaining("is not a directory: '/no/such/dir'");
  }

  /**
   * A command whose grandchild is re-parented to init: invisible to the tree once its parent left.
   */
  private static String orphaningCommand(Path dir) {
    return "( sleep 300 & echo $! > "
        + dir.resolve("grandchild.pid")
        + " ); echo $$ > "
        + dir.resolve("started")
        + "; sleep 300";
  }

  private static void assertEnds(ProcessHandle process) throws Exception {
    process.onExit().get(30, TimeUnit.SECONDS);
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void theRunsTimeoutKillsReparentedGrandchildren(@TempDir Path dir) throws Exception {
    ManualTimer timer = new ManualTimer();
    try (DagRunner runner = DagRunner.builder().timer(timer).build()) {
      CompletableFuture<RunResult> run =
          runWithTimeout(new BashOperator(orphaningCommand(dir)), Duration.ofMinutes(1), runner);
      ProcessHandle bash = awaitPid(dir.resolve("started"));
      ProcessHandle grandchild = awaitPid(dir.resolve("grandchild.pid"));
      assertThat(grandchild.parent().map(ProcessHandle::pid))
          .as("re-parented")
          .isNotEqualTo(java.util.Optional.of(bash.pid()));
      timer.advance(Duration.ofMinutes(2));

      assertThat(run.get(30, TimeUnit.SECONDS).task("load").error().type())
          .isEqualTo(TimeoutException.class.getName());
      assertEnds(bash);
      assertEnds(grandchild);
    }
  }

  @Test
  void cancelKillsReparentedGrandchildren(@TempDir Path dir) throws Exception {
    CompletableFuture<String> result = start(new BashOperator(orphaningCommand(dir)), context);
    ProcessHandle bash = awaitPid(dir.resolve("started"));
    ProcessHandle grandchild = awaitPid(dir.resolve("grandchild.pid"));

    result.cancel(true);

    assertEnds(bash);
    assertEnds(grandchild);
  }

  @Test
  void whatACommandLeavesRunningWhenItExitsIsKilledAsInAirflow(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("child.pid");
    try (LogCapture log = new LogCapture(BashOperator.class)) {
      String output =
          run(new BashOperator("sleep 300 & echo $! > " + pidFile + "; echo done"), context);

      assertThat(output).isEqualTo("done");
      assertEnds(awaitPid(pidFile));
      assertThat(log.lines())
          .as("nothing from the supervisor")
          .noneMatch(line -> line.startsWith("WARN"));
    }
  }

  @Test
  void theExitStatusIsTheCommandsAndStdinIsEmpty() throws Exception {
    assertThat(run(new BashOperator("read -r line; echo \"[$line] $?\""), context))
        .isEqualTo("[] 1");
    assertThat(failure(start(new BashOperator("exit 7"), context)))
        .isInstanceOf(BashCommandException.class)
        .hasMessageContaining("7");
    assertThat(run(new BashOperator("echo \"$0\""), context)).isEqualTo("bash");
  }

  private static ProcessHandle awaitPid(Path pidFile) throws IOException, InterruptedException {
    for (int i = 0; i < 3000; i++) {
      if (Files.exists(pidFile)) {
        String pid = Files.readString(pidFile).trim();
        if (!pid.isEmpty()) {
          return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the command never wrote " + pidFile);
  }
}
