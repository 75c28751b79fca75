package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.SimpleAction;
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
import org.slf4j.LoggerFactory;

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
    return worker(dag, List.of("default"), concurrency, lease, maxOutputBytes);
  }

  private DbWorker worker(
      DagDefinition dag, List<String> queues, int concurrency, Duration lease, int maxOutputBytes) {
    return closing(
            new DbWorker(database, List.of(dag), concurrency, queues, lease, POLL, maxOutputBytes))
        .start();
  }

  private RunResult decide(DagDefinition dag, String runId) {
    DbTaskLauncher launcher = closing(new DbTaskLauncher(database, id -> dag, POLL));
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
                          new String[] {"default"},
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
  void aDecisionThatIsNotResumableStillReachesTheProcessThatDecides() {
    // A task that is not resumable keeps no output in the run's log; a branch's or a short
    // circuit's output is its decision, which the worker must hand over all the same (it once
    // arrived as null, and the short circuit skipped everything downstream).
    DagBuilder builder = DagBuilder.dag("decisions");
    builder.shortCircuit("check", ctx -> List.of("row")).resumable(false);
    builder.task("load", ctx -> "L");
    builder.dependency("check", "load");
    builder.shortCircuit("stop", ctx -> List.of()).resumable(false);
    builder.task("never", ctx -> "n");
    builder.dependency("stop", "never");
    builder.branch("choose", ctx -> "left").resumable(false);
    builder.task("left", ctx -> "l");
    builder.task("right", ctx -> "r");
    builder.dependency("choose", "left");
    builder.dependency("choose", "right");
    DagDefinition dag = builder.build();
    worker(dag, 2, Duration.ofSeconds(5), DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
    RunResult result = decide(dag, "r1");
    assertThat(result.task("load").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("check").output()).isEqualTo(List.of("row"));
    assertThat(result.task("never").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("left").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("right").state()).isEqualTo(TaskState.SKIPPED);
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
    DbTaskLauncher launcher = closing(new DbTaskLauncher(database, id -> dag, POLL));
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

  @Test
  void aGpuTryWaitsForAGpuWorkerAndOnlyAGpuWorkerClaimsIt() throws Exception {
    DagBuilder builder = DagBuilder.dag("queues");
    TaskHandle prepare = builder.task("prepare", ctx -> "rows");
    TaskHandle train = builder.task("train", ctx -> "model of " + ctx.xcomPull("prepare"));
    train.queue("gpu");
    TaskHandle report = builder.task("report", ctx -> "report of " + ctx.xcomPull("train"));
    prepare.then(train).then(report);
    DagDefinition dag = builder.build();
    DbWorker cpu = worker(dag, 2, Duration.ofSeconds(5), DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
    DbTaskLauncher launcher = closing(new DbTaskLauncher(database, id -> dag, POLL));
    launcher.warnAfter(Duration.ofMillis(3 * POLL.toMillis()));
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(DbTaskLauncher.class);
    warnings.start();
    logger.addAppender(warnings);
    closing(() -> logger.detachAppender(warnings));
    try (DagRunner decider = DagRunner.builder().launcher(launcher).build()) {
      var handle =
          decider.start(
              dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (rows("SELECT count(*) FROM pf_task WHERE task_id = 'train'") == 0
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(5 * POLL.toMillis()); // several polls of the default worker
      assertThat(rows("SELECT count(*) FROM pf_task WHERE task_id = 'train' AND state = 'queued'"))
          .as("no worker serves 'gpu': the try waits, queued")
          .isEqualTo(1);
      assertThat(handle.result()).isNotDone();
      assertThat(warnings.list)
          .as("one warning for the waiting try, naming its queue and the way out")
          .singleElement()
          .satisfies(
              event ->
                  assertThat(event.getFormattedMessage())
                      .startsWith("try 1 of task 'train' (DAG 'queues', run 'r1') has waited")
                      .contains("in queue 'gpu' and no worker claimed it")
                      .contains("'worker --db URL --queue gpu'"));
      DbWorker gpu =
          worker(
              dag,
              List.of("gpu", "other"),
              1,
              Duration.ofSeconds(5),
              DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
      RunResult result = handle.result().get(30, TimeUnit.SECONDS);
      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(result.task("report").output()).isEqualTo("report of model of rows");
      assertThat(text("SELECT worker FROM pf_task WHERE task_id = 'train'")).isEqualTo(gpu.id());
      assertThat(text("SELECT queue FROM pf_task WHERE task_id = 'train'")).isEqualTo("gpu");
      assertThat(
              text("SELECT string_agg(DISTINCT worker, ',') FROM pf_task WHERE task_id <> 'train'"))
          .isEqualTo(cpu.id());
    }
  }

  @Test
  void aWorkerServingSeveralQueuesClaimsFromEach() {
    DagBuilder builder = DagBuilder.dag("several");
    builder.task("a", ctx -> 1).queue("io").then(builder.task("b", ctx -> 2).queue("cpu"));
    builder.task("c", ctx -> 3);
    DagDefinition dag = builder.build();
    DbWorker both =
        worker(
            dag,
            List.of("io", "cpu", "default"),
            1,
            Duration.ofSeconds(5),
            DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
    RunResult result = decide(dag, "r1");
    assertThat(result.succeeded()).as(result.summary()).isTrue();
    assertThat(text("SELECT string_agg(queue || '=' || worker, ',' ORDER BY task_id) FROM pf_task"))
        .isEqualTo("io=" + both.id() + ",cpu=" + both.id() + ",default=" + both.id());
  }

  /**
   * a notes twice; b notes once per try, fails its first and, on its retry, reports the notes it
   * sees; c after b reads them too.
   */
  private DagDefinition notingDag() {
    DagBuilder builder = DagBuilder.dag("noting");
    builder.reducer(
        (List<String> notes, Action action) -> {
          if (!action.type().equals("note")) {
            return notes;
          }
          List<String> more = new ArrayList<>(notes);
          more.add((String) ((SimpleAction) action).payload().get("text"));
          return List.copyOf(more);
        },
        List.<String>of());
    TaskHandle a =
        builder.task(
            "a",
            ctx -> {
              ctx.store().dispatch(Action.of("note", Map.of("text", "a1")));
              ctx.store().dispatch(Action.of("note", Map.of("text", "a2")));
              return 1;
            });
    TaskHandle b =
        builder
            .task(
                "b",
                ctx -> {
                  ctx.store().dispatch(Action.of("note", Map.of("text", "b" + ctx.tryNumber())));
                  if (ctx.tryNumber() == 1) {
                    throw new IllegalStateException("first try fails");
                  }
                  return String.join(",", ctx.store().getState().appState(List.class));
                })
            .retries(1)
            .retryDelay(Duration.ofMillis(1));
    TaskHandle c =
        builder.task("c", ctx -> String.join(",", ctx.store().getState().appState(List.class)));
    a.then(b).then(c);
    return builder.build();
  }

  /** The log's own actions and task ends, in order, without times. */
  private List<String> recorded(DagDefinition dag, String runId) {
    List<String> out = new ArrayList<>();
    for (Action action : store.read(dag, runId).actions()) {
      if (action instanceof TaskStatusUpdate update) {
        if (update.state() == TaskState.SUCCESS
            || update.state() == TaskState.FAILED
            || update.state() == TaskState.UP_FOR_RETRY) {
          out.add(update.taskId() + " " + update.state() + " " + update.output());
        }
      } else if (action.type().equals("note")) {
        out.add("note " + ((SimpleAction) action).payload().get("text"));
      }
    }
    return out;
  }

  @Test
  void actionsATaskDispatchesOnAWorkerAreRecordedAsALocalRunRecordsThem() {
    DagDefinition dag = notingDag();
    RunResult local;
    try (DagRunner runner = DagRunner.builder().build()) {
      local =
          runner.run(
              dag, RunConfig.builder().runId("local").recorder(store.recorder(true)).build());
    }
    worker(dag, 2, Duration.ofSeconds(5), DbWorker.DEFAULT_MAX_OUTPUT_BYTES);
    RunResult remote = decide(dag, "remote");

    assertThat(remote.succeeded()).as(remote.summary()).isTrue();
    assertThat(remote.task("b").output()).isEqualTo("a1,a2,b1,b2");
    assertThat(remote.task("c").output()).isEqualTo("a1,a2,b1,b2");
    assertThat(remote.finalState().appState(List.class)).containsExactly("a1", "a2", "b1", "b2");
    assertThat(local.finalState().appState(List.class)).containsExactly("a1", "a2", "b1", "b2");
    assertThat(recorded(dag, "remote"))
        .containsExactly(
            "note a1",
            "note a2",
            "a success 1",
            "note b1",
            "b up_for_retry null",
            "note b2",
            "b success a1,a2,b1,b2",
            "c success a1,a2,b1,b2")
        .isEqualTo(recorded(dag, "local"));
  }

  private String text(String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long rows(String sql) {
    return Long.parseLong(text(sql));
  }
}
