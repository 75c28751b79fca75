package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.execution.RunTakenOverException;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run's advisory lock when its connection breaks: the deciding process takes it again (after a
 * PostgreSQL restart too), so no other process can take the run over; and when another did take it
 * in between, the first stops deciding the run cleanly, recording nothing more.
 */
class DbRunLockTest {
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();

  private String url;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch held = new CountDownLatch(1);

  @BeforeEach
  void database() {
    url = pg.server().newDatabase();
  }

  @AfterEach
  void close() throws Exception {
    gate.countDown();
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** first -> held -> last; held waits for the gate. */
  private DagDefinition dag() {
    DagBuilder builder = DagBuilder.dag("locked");
    builder
        .task("first", ctx -> null)
        .then(
            builder.task(
                "held",
                ctx -> {
                  held.countDown();
                  gate.await();
                  return null;
                }))
        .then(builder.task("last", ctx -> null));
    return builder.build();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    closing.add(resource);
    return resource;
  }

  /** Starts run r1 of {@link #dag} recorded in {@code store}, and waits until it is at held. */
  private CompletableFuture<RunResult> startHeld(DbRunStore store) throws InterruptedException {
    DagRunner runner = closing(DagRunner.builder().workerThreads(2).build());
    CompletableFuture<RunResult> result =
        runner
            .start(dag(), RunConfig.builder().runId("r1").recorder(store.recorder(false)).build())
            .result();
    assertThat(held.await(30, TimeUnit.SECONDS)).as("the run reached held").isTrue();
    return result;
  }

  private List<Integer> advisoryLockHolders() throws Exception {
    List<Integer> pids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database ="
                        + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      while (rows.next()) {
        pids.add(rows.getInt(1));
      }
    }
    return pids;
  }

  /** What a server restart does to a process: every connection to the database but ours ends. */
  private void terminateEveryOtherConnection() throws Exception {
    terminateEveryOtherConnection(url);
  }

  /**
   * Ends every session on the database at {@code url} but the caller's, and returns once they have
   * ended: {@code pg_terminate_backend} only signals a session unless given a timeout, so without
   * one the ended sessions (and their advisory locks) could still be seen for a moment.
   */
  static void terminateEveryOtherConnection(String url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url)) {
      connection
          .createStatement()
          .execute(
              "SELECT pg_terminate_backend(pid, 20000) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
  }

  /** Waits until one session holds the run's lock, and not session {@code before}. */
  private void awaitLockHeldAgain(int before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<Integer> holders = advisoryLockHolders();
    while ((holders.size() != 1 || holders.contains(before)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      holders = advisoryLockHolders();
    }
    assertThat(holders).as("the run's lock, taken again").hasSize(1).doesNotContain(before);
  }

  private static void assertEachTaskSucceededOnce(DbRunStore store, DagDefinition dag) {
    List<String> successes = new ArrayList<>();
    for (Action action : store.read(dag, "r1").actions()) {
      if (action instanceof TaskStatusUpdate update && update.state() == TaskState.SUCCESS) {
        successes.add(update.taskId());
      }
    }
    assertThat(successes).containsExactlyInAnyOrder("first", "held", "last");
  }

  @Test
  void aLockWhoseConnectionBrokeIsTakenAgainSoNoOtherProcessTakesTheRun() throws Exception {
    DbRunStore store = closing(DbRunStore.open(url));
    CompletableFuture<RunResult> result = startHeld(store);
    int before = advisoryLockHolders().get(0);
    terminateEveryOtherConnection();
    awaitLockHeldAgain(before);
    DbRunStore other = closing(DbRunStore.open(url));
    assertThatThrownBy(() -> other.lock("locked", "r1"))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("is being written by another process");
    gate.countDown();
    assertThat(result.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    assertEachTaskSucceededOnce(store, dag());
  }

  @Test
  void afterAPostgresRestartTheDecidingProcessHoldsItsRunsLockAgain() throws Exception {
    // Not under @TempDir: as root the server runs as nobody, who must reach its data directory.
    Path pgdata =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "pf-lock-restart-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    EmbeddedPg own = EmbeddedPg.start(pgdata, 0);
    int port = own.port();
    try {
      url = own.newDatabase();
      DbRunStore store = closing(DbRunStore.open(url));
      CompletableFuture<RunResult> result = startHeld(store);
      int before = advisoryLockHolders().get(0);
      own.close();
      own = EmbeddedPg.start(pgdata, port);
      awaitLockHeldAgain(before);
      try (DbRunStore other = DbRunStore.open(url)) {
        assertThatThrownBy(() -> other.lock("locked", "r1"))
            .hasMessageContaining("is being written by another process");
      }
      gate.countDown();
      assertThat(result.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
      assertEachTaskSucceededOnce(store, dag());
      close();
      closing.clear();
    } finally {
      own.close();
      try (var files = Files.walk(pgdata)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  @Test
  void aRunTakenOverWhileItsConnectionWasDownStopsCleanlyAndTheOtherFinishesIt() throws Exception {
    // The first process checks its locks only when a write fails: the other takes the run first.
    DbRunStore first = closing(DbRunStore.open(url, Duration.ofHours(1)));
    CompletableFuture<RunResult> firstResult = startHeld(first);
    terminateEveryOtherConnection();
    DbRunStore second = closing(DbRunStore.open(url));
    DagDefinition dag = dag();
    RunStore.Lock lock = closing(second.lock("locked", "r1"));
    RecordedRun recorded = second.read(dag, "r1");
    DagRunner runner = closing(DagRunner.builder().workerThreads(2).build());
    CompletableFuture<RunResult> secondResult =
        runner
            .start(
                dag,
                RunConfig.builder()
                    .runId("r1")
                    .logicalDate(recorded.first().logicalDate())
                    .resume(Resumes.plan(dag, recorded, List.of()))
                    .recorder(second.recorder(false))
                    .build())
            .result();
    gate.countDown();
    Throwable stopped = catchThrowable(() -> firstResult.get(30, TimeUnit.SECONDS));
    assertThat(RunTakenOverException.in(stopped))
        .as("the first process stopped, taken over: %s", stopped)
        .isNotNull();
    assertThat(RunTakenOverException.in(stopped).getMessage())
        .startsWith("run 'r1' of DAG 'locked' was taken over by another process (");
    assertThat(secondResult.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    assertEachTaskSucceededOnce(second, dag);
    lock.close();
  }
}
