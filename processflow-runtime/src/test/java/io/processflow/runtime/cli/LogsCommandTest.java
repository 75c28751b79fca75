package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.logs.TaskLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs DAG_ID RUN_ID TASK_ID [--try N]}, and the run summary naming the failed tasks' logs.
 */
class LogsCommandTest {
  @TempDir Path runsDir;

  private List<DagProvider> providers;
  private Cli run;

  @BeforeEach
  void runAFailingDag() {
    DagBuilder builder = DagBuilder.dag("etl");
    TaskHandle extract =
        builder.task(
            "extract",
            ctx -> {
              TaskLog.of(ctx).info("col1\tcol2 \u001B[2J{}", "cleared?");
              return "rows";
            });
    TaskHandle load =
        builder
            .task(
                "load",
                ctx -> {
                  throw new IllegalStateException("disk full on try " + ctx.tryNumber());
                })
            .retries(1)
            .retryDelay(Duration.ofMillis(1));
    TaskHandle after = builder.task("after", ctx -> null);
    extract.then(load).then(after);
    DagDefinition dag = builder.build();
    providers = List.of(DagProvider.of(dag));
    run = Cli.run(providers, "run", "etl", "--run-id", "r1", "--runs-dir", runsDir.toString());
  }

  private Cli logs(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "logs";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--runs-dir";
    all[args.length + 2] = runsDir.toString();
    return Cli.run(providers, all);
  }

  @Test
  void theSummaryNamesTheLogOfEachFailedTasksLastTry() {
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .contains("  load: java.lang.IllegalStateException: disk full on try 2\n")
        .contains("      log: " + runsDir.resolve("etl/r1/load/attempt=2.log") + "\n")
        .doesNotContain("attempt=1.log");
  }

  @Test
  void printsTheLatestTryByDefaultAndAnyTryAskedFor() {
    Cli latest = logs("etl", "r1", "load");
    assertThat(latest.status()).isZero();
    assertThat(latest.out())
        .contains("java.lang.IllegalStateException: disk full on try 2")
        .contains("Marking task as FAILED. dag_id=etl, task_id=load, run_id=r1, try_number=2")
        .doesNotContain("try 1");
    Cli first = logs("etl", "r1", "load", "--try", "1");
    assertThat(first.status()).isZero();
    assertThat(first.out())
        .contains("disk full on try 1")
        .contains(
            "Marking task as UP_FOR_RETRY. dag_id=etl, task_id=load, run_id=r1, try_number=1");
  }

  @Test
  void aTasksOwnLinesArePrintedWithControlCharactersEscapedAndTabsKept() {
    Cli extract = logs("etl", "r1", "extract");
    assertThat(extract.status()).isZero();
    assertThat(extract.out())
        .contains("{task} INFO - col1\tcol2 \\x1b[2Jcleared?\n")
        .doesNotContain("\u001B");
  }

  @Test
  void unknownIdsAndTriesAreClearErrors() {
    Cli noTry = logs("etl", "r1", "load", "--try", "3");
    assertThat(noTry.status()).isEqualTo(2);
    assertThat(noTry.err())
        .contains("Task 'load' of run 'r1' has no log of try 3; its logged tries are: 1, 2");

    Cli noRun = logs("etl", "r2", "load");
    assertThat(noRun.status()).isEqualTo(2);
    assertThat(noRun.err())
        .contains("No run 'r2' of DAG 'etl' in " + runsDir + "; its recorded runs are: r1");

    Cli noDag = logs("ghost", "r1", "load");
    assertThat(noDag.status()).isEqualTo(2);
    assertThat(noDag.err())
        .contains(
            "Unknown DAG id 'ghost': no runs in "
                + runsDir
                + " and not on the classpath, whose DAGs are: etl");

    Cli neverRan = logs("etl", "r1", "after");
    assertThat(neverRan.status()).isEqualTo(2);
    assertThat(neverRan.err())
        .contains("No log of task 'after' in run 'r1' of DAG 'etl'")
        .contains("the tasks with logs in this run are: extract, load");

    Cli escape = logs("etl", "r1", "../../etc");
    assertThat(escape.status()).isEqualTo(2);
    assertThat(escape.err()).contains("'../../etc' is not a valid task id");
  }

  @Test
  void aRunStartedWithNoTaskLogsKeepsNoneAndLogsSaysSo() {
    Cli quiet =
        Cli.run(
            providers,
            "run",
            "etl",
            "--run-id",
            "quiet",
            "--no-task-logs",
            "--runs-dir",
            runsDir.toString());
    assertThat(quiet.status()).isEqualTo(1);
    assertThat(quiet.out())
        .contains("  load: java.lang.IllegalStateException: disk full on try 2\n")
        .doesNotContain("log: ");
    assertThat(runsDir.resolve("etl/quiet")).doesNotExist();
    assertThat(runsDir.resolve("etl/quiet.jsonl")).isRegularFile();

    Cli load = logs("etl", "quiet", "load");
    assertThat(load.status()).isEqualTo(2);
    assertThat(load.err())
        .contains(
            "No log of task 'load' in run 'quiet' of DAG 'etl': this run kept no task logs (it"
                + " was started with --no-task-logs)");
    assertThat(logs("etl", "r1", "load").status()).isZero();
  }

  @Test
  void everyCommandThatRecordsRunsHelpsWithNoTaskLogs() {
    for (String command : List.of("run", "scheduler", "backfill")) {
      Cli help = Cli.run(providers, command, "--help");
      assertThat(help.out())
          .as(command)
          .contains("--no-task-logs")
          .contains("Keeps no log of each try");
    }
  }
}
