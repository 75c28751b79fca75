package io.processflow.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.Operator;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.RunIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduler on a runs directory learns, at each decision, of the runs other commands recorded
 * while it runs, as Airflow's scheduler reads its database: a manual run takes its logical date,
 * and a backfill ahead of a catching-up scheduler moves its next run past the backfill (Airflow's
 * latest scheduled or backfill run), exactly as a scheduler started after them would decide.
 */
class SchedulerLearnsTest {
  @TempDir Path runsDir;
  private final DagRunner runner = DagRunner.builder().workerThreads(2).build();
  private final List<String> started = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    runner.close();
  }

  private static DagDefinition daily(String id, boolean catchup, int maxActiveRuns) {
    return daily(id, catchup, maxActiveRuns, ctx -> null);
  }

  private static DagDefinition daily(String id, boolean catchup, int maxActiveRuns, Operator body) {
    DagBuilder dag =
        DagBuilder.dag(id)
            .schedule("@daily")
            .startDate("2024-01-01")
            .catchup(catchup)
            .maxActiveRuns(maxActiveRuns);
    dag.task("work", body);
    return dag.build();
  }

  private Scheduler scheduler(ManualClock clock, DagDefinition dag) {
    return scheduler(clock, dag, Journals.in(runsDir));
  }

  private Scheduler scheduler(ManualClock clock, DagDefinition dag, Journals store) {
    Scheduler scheduler =
        new Scheduler(
            List.of(dag),
            new JournaledRuns(runner, store, false),
            clock,
            new Scheduler.Listener() {
              @Override
              public void started(String dagId, String runId, boolean resumed) {
                started.add(runId);
              }
            });
    scheduler.start();
    return scheduler;
  }

  private static void tick(Scheduler scheduler, int times) {
    for (int i = 0; i < times; i++) {
      scheduler.tick();
      scheduler.drained().join();
    }
  }

  @Test
  void aManualRunMadeWhileItRunsTakesItsLogicalDate() {
    DagDefinition dag = daily("dup", false, 16);
    ManualClock clock = new ManualClock(Instant.parse("2024-03-04T12:00:00Z"));
    Journals store = Journals.in(runsDir);
    Scheduler scheduler = scheduler(clock, dag, store);
    tick(scheduler, 1);
    assertThat(started).containsExactly("scheduled__2024-03-04T00:00:00+00:00");
    // `run dup --logical-date 2024-03-05` while the scheduler runs.
    Instant tomorrow = Instant.parse("2024-03-05T00:00:00Z");
    runner
        .start(
            dag,
            RunConfig.builder()
                .runId("by_hand")
                .logicalDate(tomorrow)
                .recorder(Journals.in(runsDir).recorder(false))
                .build())
        .result()
        .join();
    // Another reader of the same store (the UI, list-runs) hides nothing from the scheduler.
    assertThat(store.runs("dup")).hasSize(2);
    clock.set(Instant.parse("2024-03-05T00:30:00Z"));
    tick(scheduler, 1);
    assertThat(started).containsExactly("scheduled__2024-03-04T00:00:00+00:00");
    assertThat(Journals.in(runsDir).runs("dup"))
        .filteredOn(run -> tomorrow.equals(run.logicalDate()))
        .extracting(RunSummary::runId)
        .containsExactly("by_hand");
    // The day after is the scheduler's again.
    clock.set(Instant.parse("2024-03-06T00:30:00Z"));
    tick(scheduler, 1);
    assertThat(started).endsWith("scheduled__2024-03-06T00:00:00+00:00");
  }

  /**
   * A data-interval DAG's backfill run is named after its interval's end, which is the next
   * interval's logical date: the scheduler goes on from that next interval, whose date has no run.
   */
  @Test
  void afterABackfillOfADataIntervalDagTheNextIntervalRuns() {
    DagBuilder builder =
        DagBuilder.dag("intervals")
            .schedule("@daily")
            .startDate("2024-01-01")
            .catchup(true)
            .cronDataIntervals(true)
            .maxActiveRuns(1);
    builder.task("work", ctx -> null);
    DagDefinition dag = builder.build();
    Instant now = Instant.parse("2024-01-06T12:00:00Z");
    JournaledRuns backfill = new JournaledRuns(runner, Journals.in(runsDir), false);
    List<String> backfilled = new CopyOnWriteArrayList<>();
    for (Backfill.Step step :
        Backfill.plan(
            dag,
            backfill,
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-01-02T00:00:00Z"),
            Backfill.Reprocess.NONE,
            false,
            now)) {
      backfilled.add(step.runId());
      backfill.startNew(dag, step.runId(), step.info().logicalDate()).result().join();
    }
    assertThat(backfilled)
        .containsExactly(
            "backfill__2024-01-02T00:00:00+00:00", "backfill__2024-01-03T00:00:00+00:00");
    tick(scheduler(new ManualClock(now), dag), 6);
    assertThat(started)
        .containsExactly(
            "scheduled__2024-01-03T00:00:00+00:00",
            "scheduled__2024-01-04T00:00:00+00:00",
            "scheduled__2024-01-05T00:00:00+00:00");
  }

  /**
   * A runs directory from before backfill runs were named after run_after may hold the id a new run
   * would take, for another date: the plan refuses it, naming the date and the id, instead of
   * planning a run that cannot start (or one id twice).
   */
  @Test
  void aBackfillWhoseIdAnOlderRunHoldsIsRefusedWhilePlanning() {
    DagBuilder builder =
        DagBuilder.dag("older").schedule("@daily").startDate("2024-01-01").cronDataIntervals(true);
    builder.task("work", ctx -> null);
    DagDefinition dag = builder.build();
    JournaledRuns runs = new JournaledRuns(runner, Journals.in(runsDir), false);
    Instant third = Instant.parse("2024-01-03T00:00:00Z");
    runs.startNew(dag, RunIds.backfill(third), third).result().join(); // the older naming
    assertThatThrownBy(
            () ->
                Backfill.plan(
                    dag,
                    runs,
                    Instant.parse("2024-01-01T00:00:00Z"),
                    third,
                    Backfill.Reprocess.NONE,
                    false,
                    Instant.parse("2024-01-06T12:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "the run for 2024-01-02T00:00:00+00:00 would be backfill__2024-01-03T00:00:00+00:00,"
                + " which a run of another logical date already is");
  }

  /**
   * Ticks one run at a time: each run's body ends only after the tick that started it has returned.
   * A run that ended within its tick would free the DAG's only slot there, and the same tick would
   * rightly start the next due run too (a CI flake, when the first test counted runs per tick).
   */
  private void tickOneRunEach(Scheduler scheduler, Semaphore mayEnd, int times) {
    for (int i = 0; i < times; i++) {
      mayEnd.release(scheduler.tick());
      scheduler.drained().join();
    }
  }

  @Test
  void aBackfillAheadMovesTheNextRunAsARestartWould() {
    Semaphore mayEnd = new Semaphore(0);
    DagDefinition dag =
        daily(
            "ahead",
            true,
            1,
            ctx -> {
              mayEnd.acquire();
              return null;
            });
    ManualClock clock = new ManualClock(Instant.parse("2024-01-10T12:00:00Z"));
    Scheduler scheduler = scheduler(clock, dag);
    tickOneRunEach(scheduler, mayEnd, 3);
    assertThat(started)
        .containsExactly(
            "scheduled__2024-01-01T00:00:00+00:00",
            "scheduled__2024-01-02T00:00:00+00:00",
            "scheduled__2024-01-03T00:00:00+00:00");
    // Another process backfills 7 to 9 January.
    JournaledRuns other = new JournaledRuns(runner, Journals.in(runsDir), false);
    for (int day = 7; day <= 9; day++) {
      Instant logicalDate = Instant.parse(String.format("2024-01-%02dT00:00:00Z", day));
      mayEnd.release();
      other.startNew(dag, RunIds.backfill(logicalDate), logicalDate).result().join();
    }
    tickOneRunEach(scheduler, mayEnd, 5);
    // Airflow's next run follows the latest scheduled or backfill run: 10 January, and no run of
    // 4 to 6 January (what a scheduler started now decides too).
    assertThat(started.subList(3, started.size()))
        .containsExactly("scheduled__2024-01-10T00:00:00+00:00");
  }
}
