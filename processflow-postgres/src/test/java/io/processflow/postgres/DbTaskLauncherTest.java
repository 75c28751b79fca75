package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tries launched through PostgreSQL and run by workers: claims, outputs, leases, fencing, cancels.
 */
class DbTaskLauncherTest {
  private static final Duration POLL = Duration.ofMillis(200);
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();
  private String url;
  private Database database;
  private DbRunStore store;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();

  @BeforeEach
  void open() {
    url = pg.server().newDatabase();
    database = Database.open(url, Map.of(), 16);
    store = DbRunStore.in(database);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    database.close();
  }

  private <T extends AutoCloseable> T closing(T closeable) {
    closing.add(closeable);
    return closeable;
  }

  private DbWorker worker(DagDefinition dag, int concurrency, Duration lease, int maxOutputBytes) {
    return closing(
            new DbWorker(
                database, List.of(dag), concurrency, "default", lease, POLL, maxOutputBytes))
        .start();
  }

  private RunResult decide(DagDefinition dag, String runId) {
    DbTaskLauncher launcher = closing(new DbTaskLauncher(database, id -> dag, "default", POLL));
    try (DagRunner decider = DagRunner.builder().launcher(launcher).build()) {
      return decider.run(
          dag, RunConfig.builder().runId(runId).recorder(store.recorder(true)).build());
    }
  }

  private int ran(String taskId) {
    AtomicInteger n = bodies.get(taskId);
    return n == null ? 0 : n.get();
  }

  /** A random layered DAG whose tasks sum their upstream outputs plus one. */
  private DagDefinition randomDag(long seed, int size) {
    Random random = new Random(seed);
    DagBuilder builder = DagBuilder.dag("random_" + seed);
    List<TaskHandle> handles = new ArrayList<>();
    List<List<String>> upstreams = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<String> upstream = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (random.nextInt(4) == 0) {
          upstream.add("t" + j);
        }
      }
      upstreams.add(upstream);
      String id = "t" + i;
      handles.add(
          builder
              .task(
                  id,
                  ctx -> {
                    bodies.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    long sum = 1;
                    for (String up : upstream) {
                      sum += ctx.<Long>xcomPull(up);
                    }
                    return sum;
                  })
              .outputType(Long.class));
    }
    for (int i = 0; i < size; i++) {
      for (String up : upstreams.get(i)) {
        handles.get(Integer.parseInt(up.substring(1))).then(handles.get(i));
      }
    }
    return builder.build();
  }

  private static long expected(DagDefinition dag, String taskId, Map<String, Long> memo) {
    Long known = memo.get(taskId);
    if (known != null) {
      return known;
    }
    long sum = 1;
    for (String up : dag.upstreamIds(taskId)) {
      sum += expected(dag, up, memo);
    }
    memo.put(taskId, sum);
    return sum;
  }

  @Test
  void threeWorkersRunARandomDagEachTaskOnceWithItsUpstreamOutputs() {
    DagDefinition dag = randomDag(42, 30);
    for (int i = 0; i < 3; i++) {
      worker(dag, 2, Duration.ofSeconds(5), DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
    }
    RunResult result = decide(dag, "r1");
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    Map<String, Long> memo = new ConcurrentHashMap<>();
    for (String taskId : dag.taskIds()) {
      assertThat(ran(taskId)).as("%s ran", taskId).isEqualTo(1);
      assertThat(result.task(taskId).output()).as(taskId).isEqualTo(expected(dag, taskId, memo));
    }
    assertThat(rows("SELECT count(DISTINCT worker) FROM pf_task"))
        .as("workers used")
        .isGreaterThan(1);
    assertThat(rows("SELECT count(*) FROM pf_task WHERE state = 'success'"))
        .isEqualTo(dag.taskIds().size());
  }

  @Test
  void aTryWhoseLeaseExpiresIsRetriedElsewhereAndItsLateCompletionIsRefused() throws Exception {
    DagBuilder builder = DagBuilder.dag("lease");
    builder
        .task(
            "slow",
            ctx -> {
              bodies.computeIfAbsent("slow", k -> new AtomicInteger()).incrementAndGet();
              return "try " + ctx.tryNumber();
            })
        .retries(1)
        .retryDelay(Duration.ofMillis(10));
    DagDefinition dag = builder.build();
    // A worker that claims try 1 and dies: the worker's own claim statement, then silence.
    Thread dead =
        new Thread(
            () -> {
              try (Connection connection = DriverManager.getConnection(url)) {
                while (true) {
                  List<Long> claimed =
                      Sql.query(
                          connection,
                          DbWorker.CLAIM,
                          row -> row.getLong(1),
                          "dead-worker",
                          1000L,
                          "default",
                          new String[] {"lease"});
                  if (!claimed.isEmpty()) {
                    return;
                  }
                  Thread.sleep(50);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    dead.start();
    CountDownLatch secondTry = new CountDownLatch(1);
    Thread starter =
        new Thread(
            () -> {
              try {
                dead.join();
                worker(dag, 1, Duration.ofSeconds(5), DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
                secondTry.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    starter.start();
    RunResult result = decide(dag, "r1");
    assertThat(secondTry.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(result.task("slow").tryNumber()).isEqualTo(2);
    assertThat(result.task("slow").output()).isEqualTo("try 2");
    assertThat(ran("slow")).isEqualTo(1);
    assertThat(
            rows(
                "SELECT count(*) FROM pf_task WHERE try_number = 1 AND state = 'failed' AND error LIKE '%lease of worker dead-worker expired%'"))
        .isEqualTo(1);
    // The dead worker comes back and reports try 1: refused, nothing changes.
    try (Connection connection = DriverManager.getConnection(url)) {
      long row = rows("SELECT id FROM pf_task WHERE try_number = 1");
      assertThat(
              Sql.query(
                  connection,
                  DbWorker.COMPLETE,
                  r -> 1,
                  "success",
                  "{}",
                  null,
                  row,
                  1,
                  "dead-worker"))
          .isEmpty();
    }
    assertThat(rows("SELECT count(*) FROM pf_task WHERE try_number = 1 AND state = 'failed'"))
        .isEqualTo(1);
    assertThat(
            store.read(dag, "r1").actions().stream()
                .filter(
                    a ->
                        a instanceof io.processflow.api.TaskStatusUpdate u
                            && u.state() == TaskState.SUCCESS)
                .count())
        .as("one success recorded")
        .isEqualTo(1);
  }

  @Test
  void anOutputOverTheLimitFailsTheTaskWithTheWayOut() {
    DagBuilder builder = DagBuilder.dag("big");
    builder.task("big", ctx -> "x".repeat(5000));
    DagDefinition dag = builder.build();
    worker(dag, 1, Duration.ofSeconds(5), 1024);
    RunResult result = decide(dag, "r1");
    assertThat(result.task("big").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("big").error().message())
        .containsPattern("task 'big' of DAG 'big' returned an output of 5\\d{3} bytes as JSON")
        .contains("stores at most 1024 bytes per output")
        .contains("return a reference to it");
  }

  @Test
  void aTimedOutTryIsCancelledOnItsWorker() {
    CountDownLatch interrupted = new CountDownLatch(1);
    DagBuilder builder = DagBuilder.dag("timeout");
    builder
        .task(
            "sleepy",
            ctx -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
              return "woke";
            })
        .executionTimeout(Duration.ofMillis(500));
    DagDefinition dag = builder.build();
    worker(dag, 1, Duration.ofMillis(900), DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
    RunResult result = decide(dag, "r1");
    assertThat(result.task("sleepy").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("sleepy").error().type()).contains("Timeout");
    try {
      assertThat(interrupted.await(10, TimeUnit.SECONDS))
          .as("the body on the worker was interrupted")
          .isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assertThat(rows("SELECT count(*) FROM pf_task WHERE state = 'cancelled'"))
        .as("the worker's late failure refused")
        .isEqualTo(1);
  }

  @Test
  void cancellingTheRunInterruptsTheBodyOnItsWorker() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    DagBuilder builder = DagBuilder.dag("cancel");
    builder.task(
        "sleepy",
        ctx -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return "woke";
        });
    DagDefinition dag = builder.build();
    worker(dag, 1, Duration.ofMillis(600), DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
    DbTaskLauncher launcher = closing(new DbTaskLauncher(database, id -> dag, "default", POLL));
    try (DagRunner decider = DagRunner.builder().launcher(launcher).build()) {
      var handle =
          decider.start(
              dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build());
      assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (handle.snapshot().task("sleepy").state() != TaskState.RUNNING
          && System.nanoTime() < deadline) {
        Thread.sleep(20); // the deciding process learns of the claim
      }
      handle.cancel();
      assertThat(handle.result().get(20, TimeUnit.SECONDS).task("sleepy").state())
          .isEqualTo(TaskState.FAILED);
    }
    assertThat(interrupted.await(10, TimeUnit.SECONDS))
        .as("the body on the worker was interrupted")
        .isTrue();
    assertThat(rows("SELECT count(*) FROM pf_task WHERE state = 'cancelled'")).isEqualTo(1);
  }

  private long rows(String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
