package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.logs.TaskLog;
import io.processflow.runtime.logs.TryLogTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Try logs in the database: what a worker's try logs, with the deciding process's end, followed
 * while it runs, bounded, fenced, and the reasons of the tries the deciding process fails itself.
 */
class DbTryLogTest {
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();
  private DbFixture db;
  private DbRunStore store;

  @BeforeEach
  void open() {
    db = new DbFixture(pg.server(), "");
    store = db.store;
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private void worker(DagDefinition dag, Duration lease) {
    db.worker(dag, lease);
  }

  private RunHandle start(DagDefinition dag, String runId) {
    return db.start(dag, runId);
  }

  @Test
  void aWorkersTryLogHoldsItsStartTheTaskLinesAndTheDecidersEnd() {
    DagBuilder builder = DagBuilder.dag("logged");
    builder
        .task(
            "flaky",
            ctx -> {
              TaskLog.of(ctx).info("reading <script>alert(1)</script> on try {}", ctx.tryNumber());
              if (ctx.tryNumber() == 1) {
                throw new IllegalStateException("first try fails");
              }
              return "ok";
            })
        .retries(1)
        .retryDelay(Duration.ofMillis(10));
    DagDefinition dag = builder.build();
    worker(dag, Duration.ofSeconds(5));
    RunResult result = start(dag, "r1").join();
    assertThat(result.succeeded()).as(result.summary()).isTrue();

    assertThat(store.views().loggedTasks("logged", "r1")).containsExactly("flaky");
    assertThat(store.views().loggedTries("logged", "r1", "flaky")).containsExactly(1, 2);
    String first = store.views().tryLog("logged", "r1", "flaky", 1, 1 << 20);
    assertThat(first)
        .containsSubsequence(
            "INFO - Starting attempt 1 of task flaky (dag_id=logged, task_id=flaky, run_id=r1,"
                + " try_number=1; retries=1)",
            "{task} INFO - reading <script>alert(1)</script> on try 1",
            "ERROR - Task failed with exception",
            "first try fails",
            "at io.processflow",
            "INFO - Marking task as UP_FOR_RETRY.");
    assertThat(store.views().tryLog("logged", "r1", "flaky", 2, 1 << 20))
        .containsSubsequence("Starting attempt 2", "on try 2", "INFO - Marking task as SUCCESS.")
        .doesNotContain("first try fails");
    assertThat(store.views().tryLog("logged", "r1", "flaky", 3, 1 << 20)).isNull();
    assertThat(store.views().tryLog("logged", "r1", "flaky", 1, 100))
        .startsWith("[... the first ")
        .endsWith(first.substring(first.length() - 50));
  }

  @Test
  void aRunningTrysLinesCanBeFollowedBeforeItEnds() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DagBuilder builder = DagBuilder.dag("follow");
    builder.task(
        "long",
        ctx -> {
          TaskLog.of(ctx).info("halfway");
          release.await(30, TimeUnit.SECONDS);
          TaskLog.of(ctx).info("done");
          return 1;
        });
    DagDefinition dag = builder.build();
    worker(dag, Duration.ofSeconds(5));
    RunHandle run = start(dag, "r1");
    String log = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      log = store.views().tryLog("follow", "r1", "long", 1, 1 << 20);
      if (log != null && log.contains("halfway")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(run.result()).isNotDone();
    assertThat(log).contains("Starting attempt 1").contains("halfway").doesNotContain("done");
    release.countDown();
    assertThat(run.join().succeeded()).isTrue();
    assertThat(store.views().tryLog("follow", "r1", "long", 1, 1 << 20))
        .containsSubsequence("halfway", "done", "Marking task as SUCCESS");
  }

  @Test
  void aTryLogIsCappedWithAMarkerAndTheEndIsStillWritten() {
    String line = "x".repeat(1000);
    DagBuilder builder = DagBuilder.dag("chatty");
    builder.task(
        "chatty",
        ctx -> {
          for (int i = 0; i < 2000; i++) {
            TaskLog.of(ctx).info("{} {}", i, line);
          }
          return 1;
        });
    DagDefinition dag = builder.build();
    worker(dag, Duration.ofSeconds(5));
    assertThat(start(dag, "r1").join().succeeded()).isTrue();
    String log = store.views().tryLog("chatty", "r1", "chatty", 1, Integer.MAX_VALUE);
    // plain indexOf: AssertJ's subsequence search is quadratic on a log of a MiB
    assertThat(log.contains(" 0 " + line)).isTrue();
    assertThat(log.contains(" 1999 " + line)).isFalse();
    int marker = log.indexOf("[... this try logged more than 1048576 bytes: the rest is left out");
    assertThat(marker).isPositive();
    assertThat(log.indexOf("Marking task as SUCCESS", marker)).isGreaterThan(marker);
    assertThat(log.length()).isBetween(1 << 19, (1 << 20) + 4096);
  }

  @Test
  void aWorkerWritesToItsTrysLogOnlyWhileTheTryIsItsOwn() throws Exception {
    long row;
    try (Connection connection = DriverManager.getConnection(db.url)) {
      Sql.update(
          connection, "INSERT INTO pf_run (dag_id, run_id, logical_date) VALUES ('d', 'r', now())");
      row =
          Sql.query(
                  connection,
                  "INSERT INTO pf_task (run, dag_id, task_id, try_number, queue, state, worker)"
                      + " SELECT id, 'd', 't', 1, 'default', 'running', 'w1' FROM pf_run"
                      + " RETURNING id",
                  r -> r.getLong(1))
              .get(0);
    }
    try (DbTryLogs logs = new DbTryLogs(db.database)) {
      TryLogTarget mine = logs.workerTry(row, 1, "w1");
      TryLogTarget stranger = logs.workerTry(row, 1, "w2");
      TryLogTarget earlier = logs.workerTry(row, 0, "w1");
      mine.write("kept\n");
      stranger.write("not w2's\n");
      earlier.write("not try 0's\n");
      stranger.end();
      earlier.end();
      mine.end();
      try (Connection connection = DriverManager.getConnection(db.url)) {
        Sql.update(connection, "UPDATE pf_task SET state = 'cancelled' WHERE id = ?", row);
      }
      TryLogTarget late = logs.workerTry(row, 1, "w1");
      late.write("after the cancel\n");
      late.end();
    }
    assertThat(store.views().tryLog("d", "r", "t", 1, 1 << 20)).isEqualTo("kept\n");
  }

  @Test
  void theReasonsOfTriesTheDecidingProcessFailsAreInTheirLogs() throws Exception {
    DagBuilder builder = DagBuilder.dag("reasons");
    builder
        .task(
            "sleepy",
            ctx -> {
              if (ctx.tryNumber() == 2) {
                Thread.sleep(60_000);
              }
              return "woke";
            })
        .retries(2)
        .retryDelay(Duration.ofMillis(10))
        .executionTimeout(Duration.ofSeconds(2));
    DagDefinition dag = builder.build();
    // Try 1 is claimed by a worker that dies at once: its lease lapses.
    AtomicReference<Exception> claimFailed = new AtomicReference<>();
    Thread dead =
        new Thread(
            () -> {
              try (Connection connection = DriverManager.getConnection(db.url)) {
                while (Sql.query(
                        connection,
                        DbWorker.CLAIM,
                        row -> row.getLong(1),
                        "dead-worker",
                        300L,
                        new String[] {"default"},
                        new String[] {"reasons"})
                    .isEmpty()) {
                  Thread.sleep(50);
                }
              } catch (Exception e) {
                claimFailed.set(e);
              }
            });
    dead.start();
    RunHandle run = start(dag, "r1");
    dead.join();
    assertThat(claimFailed.get()).as("the dead worker's claim").isNull();
    worker(dag, Duration.ofSeconds(5));
    RunResult result = run.join();
    assertThat(result.task("sleepy").state()).as(result.summary()).isEqualTo(TaskState.SUCCESS);
    assertThat(store.views().tryLog("reasons", "r1", "sleepy", 1, 1 << 20))
        .containsSubsequence(
            "ERROR - Task failed with exception",
            "the lease of worker dead-worker expired",
            "Marking task as UP_FOR_RETRY");
    assertThat(store.views().tryLog("reasons", "r1", "sleepy", 2, 1 << 20))
        .containsSubsequence(
            "Starting attempt 2",
            "ERROR - Task failed with exception",
            "TimeoutException",
            "Marking task as UP_FOR_RETRY");
    assertThat(store.views().tryLog("reasons", "r1", "sleepy", 3, 1 << 20))
        .contains("Marking task as SUCCESS");
  }
}
