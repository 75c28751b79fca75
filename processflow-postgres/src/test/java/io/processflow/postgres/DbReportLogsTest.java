package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.cli.Launcher;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.logs.TaskLog;
import io.processflow.runtime.logs.TaskLogFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --db} and {@code logs --db}: the report of a database run is the report of the same
 * run in a journal, byte for byte, and {@code logs} prints a worker try's log.
 */
class DbReportLogsTest {
  private static final String PASSWORD = "pw-4417-secret";
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();
  @TempDir Path dir;
  private DbFixture db;
  private String url;
  private DbRunStore store;
  private DagDefinition dag;

  @BeforeEach
  void run() {
    db = new DbFixture(pg.server(), "&password=" + PASSWORD);
    url = db.url;
    store = db.store;
    DagBuilder builder = DagBuilder.dag("etl");
    builder
        .task(
            "extract",
            ctx -> {
              TaskLog.of(ctx).info("read 42 rows\u001b[31m <tag>");
              if (ctx.tryNumber() == 1) {
                throw new IllegalStateException("flaky source");
              }
              return 42;
            })
        .retries(1)
        .retryDelay(Duration.ofMillis(10))
        .then(builder.task("load", ctx -> "loaded"));
    dag = builder.build();
    db.worker(dag, Duration.ofSeconds(5));
    RunResult result = db.start(dag, "r1").join();
    assertThat(result.task("load").state()).as(result.summary()).isEqualTo(TaskState.SUCCESS);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private record Cli(int status, String out, String err) {}

  private Cli cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      status = Launcher.execute(List.of(DbFixture.provider(dag)), args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Cli(
        status,
        outBytes.toString(StandardCharsets.UTF_8),
        errBytes.toString(StandardCharsets.UTF_8));
  }

  /** Copies the database's run and try logs into a runs directory, as a journaled run has them. */
  private Path asJournal() throws Exception {
    Path runsDir = dir.resolve("runs");
    Journals journals = Journals.in(runsDir);
    Path journal = journals.file("etl", "r1");
    Files.createDirectories(journal.getParent());
    Files.write(journal, store.views().documents("etl", "r1"));
    for (String taskId : store.views().loggedTasks("etl", "r1")) {
      for (int tryNumber : store.views().loggedTries("etl", "r1", taskId)) {
        Path log = TaskLogFiles.file(runsDir, "etl", "r1", taskId, tryNumber);
        Files.createDirectories(log.getParent());
        Files.writeString(
            log, store.views().tryLog("etl", "r1", taskId, tryNumber, Integer.MAX_VALUE));
      }
    }
    return runsDir;
  }

  @Test
  void theReportOfADatabaseRunIsTheReportOfTheSameRunInAJournal() throws Exception {
    Path fromDb = dir.resolve("db.html");
    Cli db = cli("report", "etl", "r1", "--db", url, "-o", fromDb.toString());
    assertThat(db.status()).as(db.err()).isZero();
    Path fromJournal = dir.resolve("journal.html");
    Cli journal =
        cli(
            "report",
            "etl",
            "r1",
            "--runs-dir",
            asJournal().toString(),
            "-o",
            fromJournal.toString());
    assertThat(journal.status()).as(journal.err()).isZero();
    String report = Files.readString(fromDb);
    assertThat(report)
        .isEqualTo(Files.readString(fromJournal))
        .contains("flaky source")
        .contains("read 42 rows")
        .contains("&lt;tag&gt;")
        .doesNotContain(PASSWORD);
  }

  @Test
  void runWithDbAndReportWritesTheReportFromTheDatabase() throws Exception {
    Path file = dir.resolve("r2.html");
    Cli run = cli("run", "etl", "--db", url, "--run-id", "r2", "--report", file.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("report of run r2 written to " + file);
    assertThat(Files.readString(file))
        .contains("Starting attempt 2 of task extract")
        .contains("flaky source")
        .doesNotContain(PASSWORD);
  }

  @Test
  void logsPrintsAWorkerTrysLogFromTheDatabase() {
    Cli latest = cli("logs", "etl", "r1", "extract", "--db", url);
    assertThat(latest.status()).as(latest.err()).isZero();
    assertThat(latest.out())
        .contains("Starting attempt 2 of task extract")
        .contains("read 42 rows\\x1b[31m <tag>")
        .contains("Marking task as SUCCESS")
        .doesNotContain("\u001b");
    Cli first = cli("logs", "etl", "r1", "extract", "--try", "1", "--db", url);
    assertThat(first.out())
        .containsSubsequence("Starting attempt 1", "flaky source", "Marking task as UP_FOR_RETRY");

    Cli noTry = cli("logs", "etl", "r1", "extract", "--try", "3", "--db", url);
    assertThat(noTry.status()).isEqualTo(2);
    assertThat(noTry.err()).contains("has no log of try 3; its logged tries are: 1, 2");
    Cli noRun = cli("logs", "etl", "r9", "load", "--db", url);
    assertThat(noRun.status()).isEqualTo(2);
    assertThat(noRun.err())
        .contains("No run 'r9' of DAG 'etl' in jdbc:postgresql://")
        .contains("its recorded runs are: r1")
        .doesNotContain(PASSWORD);
    Cli both = cli("logs", "etl", "r1", "load", "--db", url, "--runs-dir", dir.toString());
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("--db and --runs-dir both say where runs are recorded");
  }

  @Test
  void runWithDbAndNoTaskLogsKeepsNoTryLogRowsAndLogsSaysSo() throws Exception {
    Cli run = cli("run", "etl", "--db", url, "--run-id", "r2", "--no-task-logs");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(store.views().loggedTasks("etl", "r2")).isEmpty();
    try (Connection connection = db.database.connection()) {
      assertThat(
              Sql.query(
                  connection,
                  "SELECT count(*) FROM pf_task_log l JOIN pf_run r ON l.run = r.id"
                      + " WHERE r.run_id = ?",
                  row -> row.getLong(1),
                  "r2"))
          .as("neither the worker nor the deciding process wrote a try's log")
          .containsExactly(0L);
    }
    assertThat(store.views().keptNoTaskLogs("etl", "r2")).isTrue();
    assertThat(store.views().keptNoTaskLogs("etl", "r1")).isFalse();

    Cli logs = cli("logs", "etl", "r2", "extract", "--db", url);
    assertThat(logs.status()).isEqualTo(2);
    assertThat(logs.err())
        .contains(
            "No log of task 'extract' in run 'r2' of DAG 'etl': this run kept no task logs (it"
                + " was started with --no-task-logs)");
    assertThat(cli("logs", "etl", "r1", "extract", "--db", url).status()).isZero();
  }
}
