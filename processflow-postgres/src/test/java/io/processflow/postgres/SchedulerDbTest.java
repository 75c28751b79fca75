package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.runtime.cli.Launcher;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunTakenOverException;
import io.processflow.runtime.schedule.RunIds;
import io.processflow.runtime.scheduler.JournaledRuns;
import io.processflow.runtime.scheduler.ManualClock;
import io.processflow.runtime.scheduler.Scheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two schedulers on one database, in one JVM on a manual clock (each with its own store, so its own
 * sessions, as two processes have): every due run is created once whoever ticks first, catchup on
 * and off, {@code maxActiveRuns} counted over both schedulers' runs, and a logical date the other
 * scheduler (or a manual run) took passed over without a word.
 */
class SchedulerDbTest {
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();

  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private String url;
  private final ManualClock clock = new ManualClock(START.plus(Duration.ofMinutes(30)));
  private final List<AutoCloseable> closing = new ArrayList<>();

  /** How many times each run's body ran, by run id. */
  private final ConcurrentMap<String, AtomicInteger> bodies = new ConcurrentHashMap<>();

  /** What the schedulers told as failures: none is expected. */
  private final List<String> failures = new CopyOnWriteArrayList<>();

  /** What the schedulers told of the runs they started, resumed and lost. */
  private final List<String> told = new CopyOnWriteArrayList<>();

  /** The bodies wait for it, to hold runs active. */
  private volatile CountDownLatch gate = new CountDownLatch(0);

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

  private DagDefinition hourly(boolean catchup, int maxActiveRuns) {
    DagBuilder builder =
        DagBuilder.dag("hourly")
            .schedule("@hourly")
            .startDate("2024-01-01T00:00:00Z")
            .catchup(catchup)
            .maxActiveRuns(maxActiveRuns);
    builder.task(
        "work",
        ctx -> {
          bodies.computeIfAbsent(ctx.runId(), k -> new AtomicInteger()).incrementAndGet();
          gate.await();
          return null;
        });
    return builder.build();
  }

  /** A scheduler of its own: its store, runner and sessions, as another process has. */
  private Scheduler scheduler(String name, DagDefinition dag) {
    return scheduler(name, dag, DbRunStore.open(url));
  }

  private Scheduler scheduler(String name, DagDefinition dag, DbRunStore store) {
    DagRunner runner = DagRunner.builder().workerThreads(4).build();
    closing.add(store);
    closing.add(runner);
    Scheduler scheduler =
        new Scheduler(
            List.of(dag),
            new JournaledRuns(runner, store, false),
            clock,
            new Scheduler.Listener() {
              @Override
              public void failed(String dagId, String runId, RuntimeException error) {
                failures.add(name + " " + runId + ": " + error.getMessage());
              }

              @Override
              public void started(String dagId, String runId, boolean resumed) {
                told.add(name + (resumed ? " resumed " : " started ") + runId);
              }

              @Override
              public void takenOver(String dagId, String runId, RunTakenOverException error) {
                told.add(name + " taken over " + runId);
              }
            },
            HOUR);
    scheduler.start();
    return scheduler;
  }

  private List<String> runIds() throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT run_id FROM pf_run ORDER BY logical_date, run_id")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private long unfinished() throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pf_run WHERE upper(state) NOT IN ('SUCCESS', 'FAILED')")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The hour of the latest run due now. */
  private int lastHour() {
    return (int) Duration.between(START, clock.instant()).toHours();
  }

  private static List<String> hours(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int h = from; h <= to; h++) {
      ids.add(RunIds.scheduled(START.plus(HOUR.multipliedBy(h))));
    }
    return ids;
  }

  /** Both schedulers tick at once, from two threads, so that they meet at a DAG's turn. */
  private static void tickTogether(Scheduler a, Scheduler b) {
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(a::tick);
    b.tick();
    first.join();
  }

  private static void drain(Scheduler... schedulers) throws Exception {
    for (Scheduler scheduler : schedulers) {
      scheduler.drained().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoSchedulersCreateEachDueRunOnceWhoeverTicksFirst() throws Exception {
    DagDefinition dag = hourly(true, 16);
    Scheduler a = scheduler("a", dag);
    Scheduler b = scheduler("b", dag);
    Random random = new Random(15);
    for (int hour = 0; hour < 24; hour++) {
      switch (random.nextInt(3)) {
        case 0 -> tickTogether(a, b);
        case 1 -> {
          b.tick();
          a.tick();
        }
        default -> {
          a.tick();
          b.tick();
        }
      }
      clock.advance(HOUR);
    }
    drain(a, b);
    assertThat(runIds()).containsExactlyElementsOf(hours(0, 23));
    assertThat(bodies).hasSize(24).allSatisfy((runId, count) -> assertThat(count).hasValue(1));
    assertThat(a.decisions() + b.decisions()).as("runs created, in all").isEqualTo(24);
    assertThat(failures).isEmpty();
  }

  @Test
  void withCatchupTheTwoCatchUpOnEveryMissedIntervalOnce() throws Exception {
    DagDefinition dag = hourly(true, 16);
    clock.set(START.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(5)));
    Scheduler a = scheduler("a", dag);
    Scheduler b = scheduler("b", dag);
    for (int round = 0; round < 20 && runIds().size() < 31; round++) {
      tickTogether(a, b);
      drain(a, b);
    }
    assertThat(runIds()).containsExactlyElementsOf(hours(0, 30));
    assertThat(bodies).hasSize(31).allSatisfy((runId, count) -> assertThat(count).hasValue(1));
    assertThat(failures).isEmpty();
  }

  @Test
  void withoutCatchupOnlyTheLatestIntervalRunsOnce() throws Exception {
    DagDefinition dag = hourly(false, 16);
    clock.set(START.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(5)));
    Scheduler a = scheduler("a", dag);
    Scheduler b = scheduler("b", dag);
    tickTogether(a, b);
    drain(a, b);
    tickTogether(a, b);
    drain(a, b);
    assertThat(runIds()).containsExactlyElementsOf(hours(30, 30));
    assertThat(failures).isEmpty();
  }

  @Test
  void maxActiveRunsCountsTheRunsOfBothSchedulers() throws Exception {
    gate = new CountDownLatch(1);
    DagDefinition dag = hourly(true, 2);
    clock.set(START.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(5)));
    Scheduler a = scheduler("a", dag);
    Scheduler b = scheduler("b", dag);
    a.tick();
    b.tick();
    clock.advance(HOUR);
    b.tick();
    a.tick();
    assertThat(runIds()).as("a's two runs fill the DAG for b too").hasSize(2);
    assertThat(unfinished()).isEqualTo(2);
    try (DbRunStore probe = DbRunStore.open(url)) {
      assertThat(probe.dagTurns().orphanedRuns("hourly")).as("a holds its runs").isEmpty();
    }
    gate.countDown();
    for (int round = 0; round < 60 && runIds().size() < lastHour() + 1; round++) {
      if (round % 2 == 0) {
        b.tick();
        a.tick();
      } else {
        tickTogether(a, b);
      }
      assertThat(unfinished()).as("runs not ended, both schedulers'").isLessThanOrEqualTo(2);
      drain(a, b);
      clock.advance(Duration.ofMinutes(20)); // past b's deferral (a scan) now and then
    }
    drain(a, b);
    assertThat(runIds()).containsExactlyElementsOf(hours(0, lastHour()));
    assertThat(b.decisions()).as("b created runs too").isPositive();
    assertThat(bodies).allSatisfy((runId, count) -> assertThat(count).hasValue(1));
    assertThat(failures).isEmpty();
  }

  @Test
  void aLogicalDateTheOtherSchedulerOrAManualRunTookIsPassedOverQuietly() throws Exception {
    DagDefinition dag = hourly(true, 16);
    Scheduler a = scheduler("a", dag);
    Scheduler b = scheduler("b", dag);
    assertThat(a.tick()).as("a creates 00:00").isEqualTo(1);
    assertThat(b.tick()).as("b passes over 00:00, which a has").isZero();
    clock.advance(HOUR);
    assertThat(b.tick()).as("b creates 01:00").isEqualTo(1);
    assertThat(a.tick()).as("a passes over 01:00").isZero();
    // A manual run at 02:00, recorded before the schedulers get there.
    try (DbRunStore store = DbRunStore.open(url);
        DagRunner runner = DagRunner.create()) {
      runner.run(
          dag,
          RunConfig.builder()
              .runId("manual__by_hand")
              .logicalDate(START.plus(HOUR.multipliedBy(2)))
              .recorder(store.recorder(false))
              .build());
    }
    clock.advance(HOUR);
    tickTogether(a, b);
    clock.advance(HOUR);
    tickTogether(a, b);
    drain(a, b);
    assertThat(runIds())
        .containsExactly(
            hours(0, 0).get(0), hours(1, 1).get(0), "manual__by_hand", hours(3, 3).get(0));
    assertThat(failures).as("no 'could not run' for a date taken").isEmpty();
  }

  @Test
  void schedulerDbRunsDueRunsWithBodiesOnWorkersAndASecondOnePassesOver() throws Exception {
    DagBuilder builder =
        DagBuilder.dag("once_dag").schedule("@once").startDate("2024-01-01T00:00:00Z");
    builder.task(
        "work",
        ctx -> {
          bodies.computeIfAbsent(ctx.runId(), k -> new AtomicInteger()).incrementAndGet();
          return null;
        });
    DagDefinition dag = builder.build();
    DagProvider provider = DbFixture.provider(dag);
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Database database = Database.open(url, Map.of(), 4);
        DbWorker worker =
            new DbWorker(
                    database,
                    List.of(dag),
                    2,
                    List.of(DbTaskLauncher.DEFAULT_QUEUE),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(200),
                    DbWorker.DEFAULT_MAX_OUTPUT_BYTES)
                .start()) {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(Launcher.execute(List.of(provider), "scheduler", "--db", url, "--num-runs", "1"))
          .isZero();
      assertThat(Launcher.execute(List.of(provider), "scheduler", "--db", url, "--num-runs", "1"))
          .isZero();
    } finally {
      System.setOut(out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    String runId = "scheduled__2024-01-01T00:00:00+00:00";
    assertThat(printed)
        .contains("scheduler on jdbc:postgresql:")
        .contains("started once_dag " + runId)
        .contains("ended once_dag " + runId + ": success")
        .doesNotContain("could not run");
    assertThat(printed.lines().filter(line -> line.startsWith("started "))).hasSize(1);
    assertThat(runIds()).containsExactly(runId);
    assertThat(bodies).containsOnlyKeys(runId);
    assertThat(bodies.get(runId)).hasValue(1);
  }

  @Test
  void schedulerTakesDbOrRunsDirNotBoth() {
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(
              Launcher.execute(
                  List.of(),
                  "scheduler",
                  "--db",
                  url,
                  "--runs-dir",
                  "/tmp/nowhere",
                  "--num-runs",
                  "1"))
          .isEqualTo(2);
    } finally {
      System.setErr(err);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("--db and --runs-dir both say where runs are recorded; give one of them");
  }

  @Test
  void aRunWhoseSchedulerLostItIsResumedByTheOtherAtItsScanAndTheFirstStopsCleanly()
      throws Exception {
    gate = new CountDownLatch(1);
    DagDefinition dag = hourly(true, 16);
    // a checks its locks only when a write fails: b's scan finds the run free first.
    Scheduler a = scheduler("a", dag, DbRunStore.open(url, Duration.ofHours(1)));
    Scheduler b = scheduler("b", dag);
    assertThat(a.tick()).isEqualTo(1);
    String runId = hours(0, 0).get(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!bodies.containsKey(runId) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(300); // a has written the task's start: its run is quiet until the gate opens
    b.scan();
    assertThat(told).as("a holds its run").containsExactly("a started " + runId);
    // What a server restart does to a: its sessions end, and with them its run's lock.
    DbRunLockTest.terminateEveryOtherConnection(url);
    while (!told.contains("b resumed " + runId) && System.nanoTime() < deadline) {
      b.scan(); // b's own sessions ended too: its first scan may fail, and it tries again
      Thread.sleep(50);
    }
    assertThat(told).contains("b resumed " + runId);
    gate.countDown();
    drain(a, b);
    assertThat(told)
        .containsExactlyInAnyOrder(
            "a started " + runId, "b resumed " + runId, "a taken over " + runId);
    assertThat(failures).isEmpty();
    try (DbRunStore store = DbRunStore.open(url)) {
      assertThat(store.runs("hourly"))
          .singleElement()
          .satisfies(run -> assertThat(run.state().isTerminal()).isTrue())
          .satisfies(run -> assertThat(run.state().name()).isEqualTo("SUCCESS"));
    }
  }

  /** A scan, or list-runs, that meets a run between its row and its first status. */
  @Test
  void aRunWhoseRowIsNewIsListedAsQueued() throws Exception {
    try (DbRunStore store = DbRunStore.open(url);
        Connection connection = DriverManager.getConnection(url)) {
      connection
          .createStatement()
          .execute(
              "INSERT INTO pf_run (dag_id, run_id, logical_date)"
                  + " VALUES ('hourly', 'scheduled__2024-01-01T00:00:00+00:00', '2024-01-01Z')");
      assertThat(store.runs("hourly"))
          .singleElement()
          .satisfies(run -> assertThat(run.state()).isEqualTo(DagRunState.QUEUED));
      assertThat(store.dagTurns().orphanedRuns("hourly"))
          .containsExactly("scheduled__2024-01-01T00:00:00+00:00");
    }
  }
}
