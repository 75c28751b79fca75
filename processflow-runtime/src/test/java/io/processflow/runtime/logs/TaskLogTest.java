package io.processflow.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.operators.BashOperator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class TaskLogTest {
  @TempDir Path runsDir;

  private final DagRunner runner = DagRunner.builder().workerThreads(4).maxActiveTasks(8).build();

  @AfterEach
  void close() {
    runner.close();
  }

  private RunResult run(DagDefinition dag, String runId) {
    return runner.run(
        dag,
        RunConfig.builder().runId(runId).recorder(Journals.in(runsDir).recorder(false)).build());
  }

  private String log(String dagId, String runId, String taskId, int tryNumber) throws IOException {
    return Files.readString(TaskLogFiles.file(runsDir, dagId, runId, taskId, tryNumber));
  }

  @Test
  void tasksLoggingInParallelEachWriteTheirOwnFile() throws IOException {
    int tasks = 24;
    int lines = 300;
    // All tasks log at once: each waits until every running task has started.
    CountDownLatch started = new CountDownLatch(8);
    DagBuilder dag = DagBuilder.dag("parallel");
    for (int t = 0; t < tasks; t++) {
      String id = "t" + t;
      dag.task(
          id,
          ctx -> {
            started.countDown();
            started.await(5, TimeUnit.SECONDS);
            Logger log = TaskLog.of(ctx);
            for (int k = 0; k < lines; k++) {
              log.info("{} line {}", ctx.taskId(), k);
            }
            return null;
          });
    }
    assertThat(run(dag.build(), "r1").state()).isEqualTo(DagRunState.SUCCESS);
    for (int t = 0; t < tasks; t++) {
      String id = "t" + t;
      List<String> own = new ArrayList<>();
      for (String line : log("parallel", "r1", id, 1).split("\n")) {
        if (line.contains(" line ")) {
          own.add(line.substring(line.indexOf("INFO - ") + 7));
        }
      }
      List<String> expected = new ArrayList<>();
      for (int k = 0; k < lines; k++) {
        expected.add(id + " line " + k);
      }
      assertThat(own).as(id).isEqualTo(expected);
    }
    assertThat(TaskLogFiles.tries(TaskLogFiles.taskDir(runsDir, "parallel", "r1", "t0")))
        .containsExactly(1);
  }

  @Test
  void threadsOfOneTaskLoggingAtOnceNeverTearALine() throws Exception {
    int threads = 4;
    int lines = 500;
    String payload = "x".repeat(200);
    DagBuilder dag = DagBuilder.dag("torn");
    dag.task(
        "many",
        ctx -> {
          Logger log = TaskLog.of(ctx);
          List<Thread> started = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread logger =
                new Thread(
                    () -> {
                      for (int k = 0; k < lines; k++) {
                        log.info("thread {} line {} {}", thread, k, payload);
                      }
                    });
            logger.start();
            started.add(logger);
          }
          for (Thread logger : started) {
            logger.join();
          }
          return null;
        });
    assertThat(run(dag.build(), "r1").state()).isEqualTo(DagRunState.SUCCESS);
    int[] next = new int[threads];
    for (String line : log("torn", "r1", "many", 1).split("\n")) {
      if (line.contains("{task}")) {
        assertThat(line).matches("\\[[^]]+\\] \\{task\\} INFO - thread \\d line \\d+ " + payload);
        int thread = Integer.parseInt(line.replaceAll(".* thread (\\d) line .*", "$1"));
        int k = Integer.parseInt(line.replaceAll(".* line (\\d+) .*", "$1"));
        assertThat(k).as("thread %d's lines in order", thread).isEqualTo(next[thread]++);
      }
    }
    assertThat(next).containsOnly(lines);
  }

  @Test
  void eachTryHasItsOwnLogWithTheErrorAndTheRetry() throws IOException {
    DagBuilder dag = DagBuilder.dag("flaky");
    dag.task(
            "load",
            ctx -> {
              TaskLog.of(ctx).info("loading, try {}", ctx.tryNumber());
              if (ctx.tryNumber() == 1) {
                throw new IllegalStateException("disk full");
              }
              return "ok";
            })
        .retries(1)
        .retryDelay(Duration.ofMillis(10));
    RunResult result = run(dag.build(), "r1");
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);

    String first = log("flaky", "r1", "load", 1);
    assertThat(first)
        .contains("{processflow} INFO - Starting attempt 1 of task load")
        .contains("{task} INFO - loading, try 1")
        .contains(
            "{processflow} ERROR - Task failed with exception\njava.lang.IllegalStateException: disk full\n\tat ")
        .contains(
            "Marking task as UP_FOR_RETRY. dag_id=flaky, task_id=load, run_id=r1, try_number=1; retrying in PT0.01S")
        .doesNotContain("try 2");
    assertThat(first.indexOf("loading, try 1"))
        .isLessThan(first.indexOf("Task failed with exception"));
    String second = log("flaky", "r1", "load", 2);
    assertThat(second)
        .contains("Starting attempt 2 of task load")
        .contains("loading, try 2")
        .contains("Marking task as SUCCESS. dag_id=flaky, task_id=load, run_id=r1, try_number=2")
        .doesNotContain("disk full");
    assertThat(TaskLogFiles.tries(TaskLogFiles.taskDir(runsDir, "flaky", "r1", "load")))
        .containsExactly(1, 2);
  }

  @Test
  void aTimeoutIsInTheTrysLog() throws IOException {
    DagBuilder dag = DagBuilder.dag("slow");
    dag.task(
            "wait",
            ctx -> {
              TaskLog.of(ctx).info("waiting");
              Thread.sleep(30_000);
              return null;
            })
        .executionTimeout(Duration.ofMillis(200));
    assertThat(run(dag.build(), "r1").state()).isEqualTo(DagRunState.FAILED);
    assertThat(log("slow", "r1", "wait", 1))
        .contains("execution_timeout=PT0.2S")
        .contains("waiting")
        .contains("java.util.concurrent.TimeoutException: task 'wait' timed out after PT0.2S")
        .contains(
            "ERROR - Marking task as FAILED. dag_id=slow, task_id=wait, run_id=r1, try_number=1");
  }

  @Test
  void aResumedRunContinuesTheTryNumbers() throws IOException {
    Set<String> failing = ConcurrentHashMap.newKeySet();
    failing.add("load");
    DagBuilder builder = DagBuilder.dag("resumed");
    builder.task(
        "load",
        ctx -> {
          TaskLog.of(ctx).info("try {}", ctx.tryNumber());
          if (failing.contains("load")) {
            throw new IllegalStateException("not yet");
          }
          return "ok";
        });
    DagDefinition dag = builder.build();
    assertThat(run(dag, "r1").state()).isEqualTo(DagRunState.FAILED);
    String firstTry = log("resumed", "r1", "load", 1);

    failing.clear();
    Journals journals = Journals.in(runsDir);
    RunResult resumed =
        runner.run(
            dag,
            RunConfig.builder()
                .runId("r1")
                .recorder(journals.recorder(false))
                .resume(Resumes.plan(dag, journals.read(dag, "r1"), List.of()))
                .build());
    assertThat(resumed.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(resumed.task("load").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(log("resumed", "r1", "load", 1)).isEqualTo(firstTry).contains("not yet");
    assertThat(log("resumed", "r1", "load", 2))
        .contains("try 2")
        .contains("Marking task as SUCCESS");
  }

  @Test
  void bashOutputGoesToTheTrysLogAndStillToTheConsoleLogger() throws IOException {
    DagBuilder dag = DagBuilder.dag("bash");
    dag.task("say", new BashOperator("echo to-stdout; echo to-stderr >&2"));
    assertThat(run(dag.build(), "r1").state()).isEqualTo(DagRunState.SUCCESS);
    String log = log("bash", "r1", "say", 1);
    assertThat(log)
        .contains(
            "{BashOperator} INFO - task say: running bash command: echo to-stdout; echo to-stderr >&2")
        .contains("{BashOperator} INFO - [say] to-stdout")
        .contains("{BashOperator} WARN - [say] to-stderr");
  }

  @Test
  void aRunWithoutAJournalKeepsNoLogsAndTheLoggerIsTheDelegate() throws IOException {
    List<Logger> loggers = new ArrayList<>();
    DagBuilder dag = DagBuilder.dag("plain");
    dag.task(
        "a",
        ctx -> {
          loggers.add(TaskLog.of(ctx));
          TaskLog.of(ctx).info("nowhere to keep this");
          return null;
        });
    assertThat(runner.run(dag.build()).state()).isEqualTo(DagRunState.SUCCESS);
    try (Stream<Path> files = Files.list(runsDir)) {
      assertThat(files).isEmpty();
    }
    assertThat(loggers.get(0)).isSameAs(LoggerFactory.getLogger("io.processflow.task.plain.a"));
  }

  @Test
  void aJournaledRunWithoutTaskLogsCreatesNoTryFilesAndStillRecordsTheRun() throws IOException {
    List<Logger> loggers = new ArrayList<>();
    DagBuilder dag = DagBuilder.dag("quiet");
    dag.task(
            "a",
            ctx -> {
              loggers.add(TaskLog.of(ctx));
              TaskLog.of(ctx).info("to the backend only");
              if (ctx.tryNumber() == 1) {
                throw new IllegalStateException("first try fails");
              }
              return "done";
            })
        .retries(1)
        .retryDelay(Duration.ofMillis(1));
    Journals journals = Journals.in(runsDir);
    RunResult result =
        runner.run(
            dag.build(),
            RunConfig.builder()
                .runId("r1")
                .recorder(journals.recorder(false, RunStore.TaskLogs.OFF))
                .build());

    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    try (Stream<Path> files = Files.list(runsDir.resolve("quiet"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("r1.jsonl", "r1.jsonl.lock");
    }
    assertThat(journals.views().loggedTasks("quiet", "r1")).isEmpty();
    assertThat(loggers).hasSize(2);
    assertThat(loggers.get(1)).isSameAs(LoggerFactory.getLogger("io.processflow.task.quiet.a"));
    RecordedRun recorded = journals.read(dag.build(), "r1");
    assertThat(recorded.first().noTaskLogs()).isTrue();
    assertThat(recorded.actions()).isNotEmpty();
    assertThat(journals.runs("quiet"))
        .extracting(RunSummary::state)
        .containsExactly(DagRunState.SUCCESS);
    assertThat(journals.views().keptNoTaskLogs("quiet", "r1")).isTrue();
  }

  @Test
  void aRunKeepingItsLogsWritesNoTaskLogsFieldAndSaysItKeptThem() throws IOException {
    DagBuilder dag = DagBuilder.dag("kept");
    dag.task("a", ctx -> null);
    assertThat(run(dag.build(), "r1").state()).isEqualTo(DagRunState.SUCCESS);
    Journals journals = Journals.in(runsDir);
    assertThat(Files.readString(journals.file("kept", "r1"))).doesNotContain("noTaskLogs");
    assertThat(journals.read(dag.build(), "r1").first().noTaskLogs()).isFalse();
    assertThat(journals.views().keptNoTaskLogs("kept", "r1")).isFalse();
    assertThat(journals.views().loggedTasks("kept", "r1")).containsExactly("a");
  }

  @Test
  void theLoggerFormatsAsSlf4jDoesAndKeepsTheStackTrace() throws IOException {
    DagBuilder dag = DagBuilder.dag("formats");
    dag.task(
        "a",
        ctx -> {
          Logger log = TaskLog.of(ctx);
          log.warn("{} and {} of {}", 1, "two", List.of(3));
          log.error("with a cause {}", "here", new IOException("boom"));
          log.debug("not kept: the backend's DEBUG is off");
          log.atInfo().setMessage("fluent {}").addArgument("api").log();
          return null;
        });
    assertThat(run(dag.build(), "r1").state()).isEqualTo(DagRunState.SUCCESS);
    String log = log("formats", "r1", "a", 1);
    assertThat(log)
        .contains("{task} WARN - 1 and two of [3]\n")
        .contains("{task} ERROR - with a cause here\njava.io.IOException: boom\n\tat ")
        .contains("{task} INFO - fluent api\n")
        .doesNotContain("not kept")
        .matches(
            "(?s)\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000\\] \\{processflow\\} INFO - Starting.*");
  }

  @Test
  void idsCannotReachOutsideTheRunsDirectory() {
    Path root = runsDir.toAbsolutePath().normalize();
    for (String runId : List.of("..", ".", "../../etc", "a/../../b", "/abs")) {
      Path file = TaskLogFiles.file(runsDir, "dag", runId, "task", 1).toAbsolutePath().normalize();
      assertThat(file).as(runId).startsWithRaw(root.resolve("dag"));
      assertThat(file.getParent().getParent().getParent()).as(runId).isEqualTo(root.resolve("dag"));
    }
    assertThat(
            TaskLogFiles.file(runsDir, "dag", "..", "task", 1)
                .getParent()
                .getParent()
                .getFileName())
        .hasToString("%2E%2E");
    assertThatThrownBy(() -> TaskLogFiles.file(runsDir, "dag", "r", "../x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../x' is not a valid task id");
    assertThatThrownBy(() -> TaskLogFiles.file(runsDir, "..", "r", "x", 1))
        .hasMessageContaining("'..' is not a valid DAG id");
    assertThatThrownBy(() -> TaskLogFiles.file(runsDir, "dag", " ", "x", 1))
        .isInstanceOf(JournalException.class);
    assertThatThrownBy(() -> TaskLogFiles.file(runsDir, "dag", "r", "x", 0))
        .hasMessageContaining("a try number starts at 1");
  }

  @Test
  void theTryNumberIsReadOnlyFromWellFormedNames() {
    assertThat(TaskLogFiles.tryNumber("attempt=12.log")).isEqualTo(12);
    assertThat(TaskLogFiles.tryNumber("attempt=.log")).isZero();
    assertThat(TaskLogFiles.tryNumber("attempt=-1.log")).isZero();
    assertThat(TaskLogFiles.tryNumber("attempt=99999999999.log")).isZero();
    assertThat(TaskLogFiles.tryNumber("attempt=1.log.tmp")).isZero();
  }
}
