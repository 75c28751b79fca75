package io.processflow.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.RunIds;
import io.processflow.runtime.schedule.RunType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on a manual clock over simulated months: runs start in the hour they are due,
 * catchup on and off (also across a scheduler that was down), {@code maxActiveRuns}, an {@code
 * endDate}, and a logical date that another run already has. The expected dates are Airflow 3's
 * (see {@code CronTriggerTimetable.next_dagrun_info}), written out.
 */
class SchedulerTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path runsDir;

  private final DagRunner runner = DagRunner.builder().workerThreads(8).build();

  /** Logical date of each run started, by run id, in the order tasks ran. */
  private final List<String> ran = new CopyOnWriteArrayList<>();

  /** What the task rendered, by run id. */
  private final Map<String, String> rendered = new ConcurrentHashMap<>();

  /** Runs as the scheduler started them. */
  private final List<String> startedIds = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeRunner() {
    runner.close();
  }

  private DagDefinition dag(String id, UnaryOperator<DagBuilder> schedule) {
    DagBuilder dag = schedule.apply(DagBuilder.dag(id));
    dag.task(
        "work",
        ctx -> {
          ran.add(ctx.runId());
          rendered.put(
              ctx.runId(),
              ctx.render(
                  "{{ dag_run.run_type }} {{ logical_date }} {{ data_interval_start }} {{ data_interval_end }}"));
          return null;
        });
    return dag.build();
  }

  private Scheduler scheduler(ManualClock clock, DagDefinition... dags) {
    Scheduler scheduler =
        new Scheduler(
            List.of(dags),
            new JournaledRuns(runner, Journals.in(runsDir), false),
            clock,
            new Scheduler.Listener() {
              @Override
              public void started(String dagId, String runId, boolean resumed) {
                startedIds.add(runId);
              }
            });
    scheduler.start();
    return scheduler;
  }

  /**
   * drained() waits for the listener to have heard of every run's end, not only for the runs: the
   * scheduler command prints each "ended" line there, and left before the last one (a CI flake).
   */
  @Test
  void drainedWaitsUntilTheListenerHasHeardEveryEnd() throws Exception {
    CountDownLatch bodyMayEnd = new CountDownLatch(1);
    CountDownLatch hearing = new CountDownLatch(1);
    CountDownLatch mayGoOn = new CountDownLatch(1);
    List<String> heard = new CopyOnWriteArrayList<>();
    DagBuilder dag = DagBuilder.dag("daily").schedule("@daily").startDate("2024-01-01");
    // The run ends only once tick() has returned, so that its end is heard on the run's thread.
    dag.task("work", ctx -> bodyMayEnd.await(20, TimeUnit.SECONDS));
    Scheduler scheduler =
        new Scheduler(
            List.of(dag.build()),
            new JournaledRuns(runner, Journals.in(runsDir), false),
            new ManualClock(Instant.parse("2024-01-02T06:00:00Z")),
            new Scheduler.Listener() {
              @Override
              public void ended(String dagId, String runId, RunResult result) {
                hearing.countDown();
                try {
                  mayGoOn.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                heard.add(runId);
              }
            });
    scheduler.start();
    assertThat(scheduler.tick()).isEqualTo(1);
    bodyMayEnd.countDown();
    assertThat(hearing.await(20, TimeUnit.SECONDS)).isTrue();
    var drained = scheduler.drained();
    Thread.sleep(50);
    assertThat(drained).as("the listener has not returned yet").isNotDone();
    mayGoOn.countDown();
    drained.get(20, TimeUnit.SECONDS);
    assertThat(heard).containsExactly("scheduled__2024-01-02T00:00:00+00:00");
    assertThat(scheduler.running()).isZero();
  }

  /**
   * Ticks every simulated hour until {@code until}; checks every run starts in the hour it is due.
   */
  private List<String> runHourly(
      Scheduler scheduler, ManualClock clock, Instant until, DagDefinition dag) {
    List<String> started = new ArrayList<>();
    while (clock.instant().isBefore(until)) {
      clock.advance(HOUR);
      int before = ran.size();
      scheduler.tick();
      scheduler.drained().join();
      for (String runId : ran.subList(before, ran.size())) {
        Instant due = dag.timetable().dataInterval(RunType.SCHEDULED, logicalDate(runId)).end();
        assertThat(due)
            .as("%s starts once due, in the hour it is due", runId)
            .isAfter(clock.instant().minus(HOUR))
            .isBeforeOrEqualTo(clock.instant());
        started.add(runId);
      }
    }
    return started;
  }

  private static Instant logicalDate(String runId) {
    return java.time.OffsetDateTime.parse(runId.substring(runId.indexOf("__") + 2)).toInstant();
  }

  private static List<String> daily(String from, int days) {
    List<String> ids = new ArrayList<>();
    Instant day = Instant.parse(from);
    for (int i = 0; i < days; i++) {
      ids.add(RunIds.scheduled(day.plus(Duration.ofDays(i))));
    }
    return ids;
  }

  @Test
  void withCatchupEveryDailyRunStartsAtItsTickOverThreeMonths() {
    DagDefinition dag =
        dag("daily", d -> d.schedule("@daily").startDate("2024-01-01").catchup(true));
    ManualClock clock = new ManualClock(Instant.parse("2023-12-31T12:00:00Z"));
    Scheduler scheduler = scheduler(clock, dag);

    List<String> started = runHourly(scheduler, clock, Instant.parse("2024-03-31T12:00:00Z"), dag);

    assertThat(started).containsExactlyElementsOf(daily("2024-01-01T00:00:00Z", 91));
    assertThat(Journals.in(runsDir).runs("daily"))
        .allSatisfy(
            run -> {
              assertThat(run.runType()).isEqualTo(RunType.SCHEDULED);
              assertThat(run.state().isTerminal()).isTrue();
            })
        .hasSize(91);
    assertThat(rendered.get("scheduled__2024-02-29T00:00:00+00:00"))
        .isEqualTo(
            "scheduled 2024-02-29 00:00:00+00:00 2024-02-29 00:00:00+00:00 2024-02-29 00:00:00+00:00");
    assertThat(scheduler.nextDue()).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
  }

  @Test
  void withCatchupAScheduledStartedLateRunsEveryMissedIntervalInOrderAtMostMaxActiveRunsAtOnce()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstThreadIn = new CountDownLatch(3);
    List<String> order = new CopyOnWriteArrayList<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    DagBuilder builder =
        DagBuilder.dag("late")
            .schedule("@daily")
            .startDate("2024-01-01")
            .catchup(true)
            .maxActiveRuns(3);
    builder.task(
        "work",
        ctx -> {
          most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          order.add(ctx.runId());
          firstThreadIn.countDown();
          release.await();
          Thread.sleep(2);
          concurrent.decrementAndGet();
          return null;
        });
    ManualClock clock = new ManualClock(Instant.parse("2024-01-08T06:00:00Z"));
    Scheduler scheduler = scheduler(clock, builder.build());

    assertThat(scheduler.tick()).isEqualTo(3);
    assertThat(scheduler.tick()).as("at maxActiveRuns, nothing more starts").isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(scheduler.tick()).isZero();
    assertThat(scheduler.running()).isEqualTo(3);
    // The three runs' bodies are all in before any may end (a run counts as started before its
    // task's body is on a thread).
    assertThat(firstThreadIn.await(30, TimeUnit.SECONDS)).as("three bodies at once").isTrue();
    release.countDown();
    int total = 3;
    while (total < 9) {
      scheduler.drained().join();
      total += scheduler.tick();
    }
    scheduler.drained().join();
    assertThat(scheduler.tick()).isZero();
    assertThat(most.get()).as("runs going at once").isEqualTo(3);
    assertThat(startedIds)
        .as("started in logical date order")
        .isEqualTo(daily("2024-01-01T00:00:00Z", 9));
    assertThat(order).containsExactlyInAnyOrderElementsOf(startedIds);
    assertThat(Journals.in(runsDir).runs("late"))
        .extracting(RunSummary::runId)
        .containsExactlyInAnyOrderElementsOf(daily("2024-01-01T00:00:00Z", 9));
  }

  @Test
  void withoutCatchupOnlyTheLatestTickRunsAlsoAfterTheSchedulerWasDown() {
    DagDefinition dag =
        dag("nocatchup", d -> d.schedule("0 6 * * *").startDate("2024-01-01").catchup(false));
    ManualClock clock = new ManualClock(Instant.parse("2024-02-10T05:00:00Z"));
    Scheduler first = scheduler(clock, dag);
    assertThat(first.tick()).isEqualTo(1);
    first.drained().join();
    assertThat(ran).containsExactly("scheduled__2024-02-09T06:00:00+00:00");

    List<String> started = runHourly(first, clock, Instant.parse("2024-03-01T00:00:00Z"), dag);
    assertThat(started).hasSize(20).first().isEqualTo("scheduled__2024-02-10T06:00:00+00:00");
    assertThat(started).last().isEqualTo("scheduled__2024-02-29T06:00:00+00:00");

    // Down for five days and a half: a new scheduler runs the latest tick only.
    first.stop();
    clock.set(Instant.parse("2024-03-05T12:00:00Z"));
    ran.clear();
    Scheduler second = scheduler(clock, dag);
    assertThat(second.tick()).isEqualTo(1);
    second.drained().join();
    assertThat(ran).containsExactly("scheduled__2024-03-05T06:00:00+00:00");
    assertThat(second.nextDue()).isEqualTo(Instant.parse("2024-03-06T06:00:00Z"));
  }

  @Test
  void withCatchupARestartedSchedulerRunsEveryIntervalItMissedOnceAndNoneTwice() {
    DagDefinition dag =
        dag("restart", d -> d.schedule("@hourly").startDate("2024-01-01").catchup(true));
    ManualClock clock = new ManualClock(Instant.parse("2023-12-31T23:30:00Z"));
    Scheduler first = scheduler(clock, dag);
    runHourly(first, clock, Instant.parse("2024-01-02T00:00:00Z"), dag);
    first.stop();
    clock.set(Instant.parse("2024-01-03T00:00:00Z"));
    Scheduler second = scheduler(clock, dag);
    while (second.tick() > 0) {
      second.drained().join();
    }
    runHourly(second, clock, Instant.parse("2024-01-04T00:00:00Z"), dag);

    List<String> expected = new ArrayList<>();
    for (int h = 0; h <= 72; h++) {
      expected.add(
          RunIds.scheduled(Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofHours(h))));
    }
    assertThat(ran).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
  }

  @Test
  void endDateIsTheLastLogicalDateInclusive() {
    DagDefinition dag =
        dag(
            "ending",
            d -> d.schedule("@daily").startDate("2024-01-01").endDate("2024-01-10").catchup(true));
    ManualClock clock = new ManualClock(Instant.parse("2023-12-31T00:00:00Z"));
    Scheduler scheduler = scheduler(clock, dag);
    List<String> started = runHourly(scheduler, clock, Instant.parse("2024-02-01T00:00:00Z"), dag);
    assertThat(started).containsExactlyElementsOf(daily("2024-01-01T00:00:00Z", 10));
    assertThat(scheduler.nextDue()).isNull();
  }

  @Test
  void aLogicalDateThatHasABackfillRunIsPassedOver() {
    DagDefinition dag =
        dag("taken", d -> d.schedule("@daily").startDate("2024-01-01").catchup(true));
    try (DagRunner own = DagRunner.create()) {
      new JournaledRuns(own, Journals.in(runsDir), false)
          .startNew(
              dag,
              RunIds.backfill(Instant.parse("2024-01-03T00:00:00Z")),
              Instant.parse("2024-01-03T00:00:00Z"))
          .result()
          .join();
    }
    ran.clear();
    ManualClock clock = new ManualClock(Instant.parse("2023-12-31T00:00:00Z"));
    Scheduler scheduler = scheduler(clock, dag);
    // The backfill run is the last automated run when the scheduler starts: it carries on after it.
    List<String> started = runHourly(scheduler, clock, Instant.parse("2024-01-06T00:00:00Z"), dag);
    assertThat(started)
        .containsExactly(
            "scheduled__2024-01-04T00:00:00+00:00",
            "scheduled__2024-01-05T00:00:00+00:00",
            "scheduled__2024-01-06T00:00:00+00:00");
  }

  @Test
  void cronDataIntervalRunsSeeTheirWholeIntervalInTemplates() {
    DagDefinition dag =
        dag(
            "intervals",
            d ->
                d.schedule("@daily").startDate("2024-01-01").catchup(true).cronDataIntervals(true));
    ManualClock clock = new ManualClock(Instant.parse("2024-01-01T12:00:00Z"));
    Scheduler scheduler = scheduler(clock, dag);
    List<String> started = runHourly(scheduler, clock, Instant.parse("2024-01-03T12:00:00Z"), dag);
    // The interval [Jan 1, Jan 2) runs once it has ended, at midnight on Jan 2.
    assertThat(started)
        .containsExactly(
            "scheduled__2024-01-01T00:00:00+00:00", "scheduled__2024-01-02T00:00:00+00:00");
    assertThat(rendered.get("scheduled__2024-01-01T00:00:00+00:00"))
        .isEqualTo(
            "scheduled 2024-01-01 00:00:00+00:00 2024-01-01 00:00:00+00:00 2024-01-02 00:00:00+00:00");
    assertThat(Journals.in(runsDir).runs("intervals"))
        .first()
        .satisfies(
            run -> assertThat(run.logicalDate()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z")));
  }

  @Test
  void aSecondSchedulerOnTheSameRunsDirectoryIsRefused() {
    try (var lock = io.processflow.runtime.journal.ProcessLock.scheduler(runsDir)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> io.processflow.runtime.journal.ProcessLock.scheduler(runsDir))
          .hasMessageContaining("another scheduler is running on runs directory " + runsDir)
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
    io.processflow.runtime.journal.ProcessLock.scheduler(runsDir).close();
  }

  @Test
  void aRunAnotherProcessTookOverIsToldAsSuchNotAsAFailure() {
    DagDefinition dag = dag("taken", d -> d.schedule("@once").startDate("2024-01-01"));
    List<String> told = new CopyOnWriteArrayList<>();
    RunStarter runs =
        new RunStarter() {
          @Override
          public List<RunSummary> recorded(String dagId) {
            return List.of();
          }

          @Override
          public boolean exists(String dagId, String runId) {
            return false;
          }

          @Override
          public boolean inFlight(String dagId, String runId) {
            return false;
          }

          @Override
          public java.util.concurrent.CompletableFuture<io.processflow.runtime.execution.RunResult>
              start(DagDefinition dag, String runId, Instant logicalDate) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                new IllegalStateException(
                    "aborted",
                    new io.processflow.runtime.execution.RunTakenOverException(
                        dag.dagId(), runId, "its log row 7 was written by another process first")));
          }

          @Override
          public java.util.concurrent.CompletableFuture<io.processflow.runtime.execution.RunResult>
              resume(DagDefinition dag, String runId) {
            throw new AssertionError("nothing to resume");
          }
        };
    Scheduler scheduler =
        new Scheduler(
            List.of(dag),
            runs,
            new ManualClock(Instant.parse("2024-01-02T00:00:00Z")),
            new Scheduler.Listener() {
              @Override
              public void failed(String dagId, String runId, RuntimeException error) {
                told.add("failed " + runId);
              }

              @Override
              public void takenOver(
                  String dagId,
                  String runId,
                  io.processflow.runtime.execution.RunTakenOverException error) {
                told.add("taken over " + runId + ": " + error.getMessage());
              }
            });
    scheduler.start();
    assertThat(scheduler.tick()).isEqualTo(1);
    assertThat(told)
        .containsExactly(
            "taken over scheduled__2024-01-01T00:00:00+00:00: run"
                + " 'scheduled__2024-01-01T00:00:00+00:00' of DAG 'taken' was taken over by another"
                + " process (its log row 7 was written by another process first): this process"
                + " stops deciding it, and the other carries it on");
    assertThat(scheduler.running()).isZero();
  }
}
