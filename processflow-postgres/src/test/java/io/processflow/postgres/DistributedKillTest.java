package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deciders and workers as separate JVMs on a real PostgreSQL, killed with SIGKILL at work: every
 * run completes, and every task's recorded success is the one body completion of that try.
 */
class DistributedKillTest {
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();
  @TempDir Path home;
  private String url;
  private NodeJvms jvms;

  @BeforeEach
  void database() throws Exception {
    jvms = new NodeJvms(home);
    url = pg.server().newDatabase();
    try (Database database = Database.open(url, Map.of(), 1)) {
      PgNode.createBodyTable(url); // the schema first: both kinds of node start at once
    }
  }

  @AfterEach
  void killAll() throws InterruptedException {
    jvms.close();
  }

  private Process node(String name, String... args) throws IOException {
    return jvms.start(name, PgNode.class, args);
  }

  private String output(String name) throws IOException {
    return jvms.output(name);
  }

  private void awaitOutput(String name, String text) throws Exception {
    jvms.awaitOutput(name, text);
  }

  private int exit(Process process, String name) throws Exception {
    assertThat(process.waitFor(120, TimeUnit.SECONDS))
        .as("%s ended:%n%s", name, output(name))
        .isTrue();
    return process.exitValue();
  }

  /** Starts {@code n} worker JVMs and waits until each is claiming. */
  private Process[] workers(int n) throws Exception {
    Process[] workers = new Process[n];
    for (int i = 0; i < n; i++) {
      workers[i] = node("worker" + i, "worker", url);
    }
    for (int i = 0; i < n; i++) {
      awaitOutput("worker" + i, "worker ready");
    }
    return workers;
  }

  /** Waits until {@code n} bodies have completed. */
  private void awaitBodies(int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count("SELECT count(*) FROM pf_test_body") < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private long count(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * The run's log records exactly one success per task, and the recorded try of each is the one
   * completion of a body with that try number.
   */
  private void assertEachTaskSucceededOnceAsRecorded(String runId) throws Exception {
    DagDefinition dag = PgNode.dag(url);
    Map<String, List<Integer>> successes = new HashMap<>();
    try (DbRunStore store = DbRunStore.open(url)) {
      for (Action action : store.read(dag, runId).actions()) {
        if (action instanceof TaskStatusUpdate update && update.state() == TaskState.SUCCESS) {
          successes
              .computeIfAbsent(update.taskId(), k -> new ArrayList<>())
              .add(update.tryNumber());
        }
      }
    }
    for (String taskId : dag.taskIds()) {
      assertThat(successes.get(taskId)).as("recorded successes of %s", taskId).hasSize(1);
      int tryNumber = successes.get(taskId).get(0);
      assertThat(
              count(
                  "SELECT count(*) FROM pf_test_body WHERE task_id = '"
                      + taskId
                      + "' AND try_number = "
                      + tryNumber))
          .as("body completions of %s try %d", taskId, tryNumber)
          .isEqualTo(1);
    }
  }

  @Test
  void aWorkerKilledMidTaskHasItsTryRetriedElsewhereAfterTheLease() throws Exception {
    Process[] workers = workers(3);
    Process decider = node("decider", "decide", url, "r1");
    // Kill the first worker seen in the middle of a body.
    int victim = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (victim < 0 && System.nanoTime() < deadline) {
      for (int i = 0; i < 3 && victim < 0; i++) {
        if (output("worker" + i).contains("body start")) {
          victim = i;
        }
      }
      Thread.sleep(5);
    }
    assertThat(victim).as("a worker started a body").isNotNegative();
    workers[victim].destroyForcibly(); // SIGKILL
    assertThat(exit(decider, "decider")).as(output("decider")).isZero();
    assertThat(output("decider")).contains("run success");
    assertEachTaskSucceededOnceAsRecorded("r1");
    assertThat(
            count(
                "SELECT count(*) FROM pf_task WHERE state = 'failed' AND error LIKE '%lease of worker%expired%'"))
        .as("the killed worker's try failed at its lease")
        .isPositive();
  }

  @Test
  void aDeciderKilledMidRunIsCarriedOnByARestartedOne() throws Exception {
    workers(2);
    Process first = node("decider1", "decide", url, "r1");
    awaitBodies(4);
    first.destroyForcibly();
    first.waitFor(10, TimeUnit.SECONDS);
    assertThat(count("SELECT count(*) FROM pf_test_body"))
        .as("killed mid-run")
        .isLessThan(PgNode.TASKS);
    Process second = node("decider2", "decide", url, "r1", "resume");
    assertThat(exit(second, "decider2")).as(output("decider2")).isZero();
    assertEachTaskSucceededOnceAsRecorded("r1");
  }

  @Test
  void aPostgresRestartMidRunLosesNothing() throws Exception {
    // Not under @TempDir: as root the server runs as nobody, who must reach its data directory.
    Path pgdata =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "pf-restart-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    EmbeddedPg own = EmbeddedPg.start(pgdata, 0);
    int port = own.port();
    try {
      url = own.newDatabase();
      try (Database database = Database.open(url, Map.of(), 2)) {
        PgNode.createBodyTable(url);
      }
      workers(2);
      Process decider = node("decider", "decide", url, "r1");
      awaitBodies(3);
      assertThat(count("SELECT count(*) FROM pf_test_body"))
          .as("stopped mid-run")
          .isLessThan(PgNode.TASKS);
      own.close();
      Thread.sleep(1000);
      own = EmbeddedPg.start(pgdata, port);
      assertThat(exit(decider, "decider")).as(output("decider")).isZero();
      assertEachTaskSucceededOnceAsRecorded("r1");
    } finally {
      own.close();
      try (var files = Files.walk(pgdata)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  @Test
  void twoDecidersOfOneRunNeverDecideTheSameTransitionTwice() throws Exception {
    // No worker yet: the first decider's run waits, holding the run, while the others try.
    Process first = node("decider1", "decide", url, "r1");
    awaitOutput("decider1", "deciding r1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count("SELECT count(*) FROM pf_task") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Process second = node("decider2", "decide", url, "r1");
    Process third = node("decider3", "decide", url, "r1", "resume");
    assertThat(exit(second, "decider2")).as(output("decider2")).isEqualTo(2);
    assertThat(output("decider2"))
        .containsAnyOf("is already recorded", "is being written by another process");
    assertThat(exit(third, "decider3")).as(output("decider3")).isEqualTo(2);
    assertThat(output("decider3")).contains("is being written by another process");
    node("worker0", "worker", url);
    assertThat(exit(first, "decider1")).as(output("decider1")).isZero();
    assertEachTaskSucceededOnceAsRecorded("r1");
  }
}
