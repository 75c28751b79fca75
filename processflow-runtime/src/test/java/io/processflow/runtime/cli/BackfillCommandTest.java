package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.ProcessLock;
import io.processflow.runtime.journal.RunLock;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.schedule.RunType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backfill} by Airflow 3's rules ({@code models/backfill.py}): only intervals that ended,
 * new runs {@code backfill__<logical date>}, existing runs skipped or cleared and rerun (never
 * duplicated) as {@code --reprocess-behavior} says, runs in flight skipped, one backfill per DAG.
 */
class BackfillCommandTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2024-01-05T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path runsDir;

  /** Logical dates whose run should fail. */
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  /** Each try of the task: run id and the interval it rendered. */
  private final List<String> tries = new CopyOnWriteArrayList<>();

  private DagProvider provider(String schedule) {
    DagBuilder builder = DagBuilder.dag("etl").schedule(schedule).startDate("2024-01-01");
    builder.task(
        "load",
        ctx -> {
          tries.add(
              ctx.render("{{ run_id }} {{ dag_run.run_type }} {{ data_interval_start | ds }}"));
          if (failing.contains(ctx.logicalDate().toString())) {
            throw new IllegalStateException("no data for " + ctx.logicalDate());
          }
          return null;
        });
    DagDefinition dag = builder.build();
    return DagProvider.of(dag);
  }

  private CommandRuns backfill(String... args) {
    List<String> all =
        new ArrayList<>(List.of("etl", "--runs-dir", runsDir.toString(), "--no-fsync"));
    all.addAll(List.of(args));
    return CommandRuns.execute(
        new BackfillCommand(List.of(provider("@daily")), NOW), all.toArray(String[]::new));
  }

  private List<RunSummary> runs() {
    return Journals.in(runsDir).runs("etl");
  }

  @Test
  void dryRunListsThePastIntervalsOnlyAndRunsNothing() {
    CommandRuns dry = backfill("--from-date", "2024-01-02", "--to-date", "2024-01-09", "--dry-run");
    assertThat(dry.status()).as(dry.err()).isZero();
    // 2024-01-05T00:00 ended (a zero-length interval at the tick) before now, 01-06 has not.
    assertThat(dry.out().lines().toList())
        .containsExactly(
            "2024-01-02T00:00:00+00:00  create          backfill__2024-01-02T00:00:00+00:00",
            "2024-01-03T00:00:00+00:00  create          backfill__2024-01-03T00:00:00+00:00",
            "2024-01-04T00:00:00+00:00  create          backfill__2024-01-04T00:00:00+00:00",
            "2024-01-05T00:00:00+00:00  create          backfill__2024-01-05T00:00:00+00:00");
    assertThat(runs()).isEmpty();

    CommandRuns backwards =
        backfill(
            "--from-date", "2024-01-02", "--to-date", "2024-01-03", "--dry-run", "--run-backwards");
    assertThat(backwards.out().lines().map(line -> line.substring(0, 10)).toList())
        .containsExactly("2024-01-03", "2024-01-02");
  }

  @Test
  void createsBackfillRunsThenSkipsClearsOrRerunsThemAsTheReprocessBehaviorSaysWithoutDuplicates() {
    failing.add("2024-01-03T00:00:00Z");
    CommandRuns first =
        backfill("--from-date", "2024-01-01", "--to-date", "2024-01-04", "--max-active-runs", "2");
    assertThat(first.status()).as("a run failed").isEqualTo(1);
    assertThat(runs())
        .hasSize(4)
        .allSatisfy(run -> assertThat(run.runType()).isEqualTo(RunType.BACKFILL));
    assertThat(tries).contains("backfill__2024-01-01T00:00:00+00:00 backfill 2024-01-01");

    tries.clear();
    CommandRuns none = backfill("--from-date", "2024-01-01", "--to-date", "2024-01-04");
    assertThat(none.status()).isZero();
    assertThat(tries).isEmpty();
    assertThat(none.out()).contains("skipped backfill__2024-01-03T00:00:00+00:00: already exists");

    failing.clear();
    CommandRuns failed =
        backfill(
            "--from-date",
            "2024-01-01",
            "--to-date",
            "2024-01-04",
            "--reprocess-behavior",
            "failed");
    assertThat(failed.status()).as(failed.out()).isZero();
    assertThat(tries).containsExactly("backfill__2024-01-03T00:00:00+00:00 backfill 2024-01-03");
    assertThat(failed.out()).contains("cleared backfill__2024-01-03T00:00:00+00:00");

    tries.clear();
    CommandRuns completed =
        backfill(
            "--from-date",
            "2024-01-01",
            "--to-date",
            "2024-01-04",
            "--reprocess-behavior",
            "completed");
    assertThat(completed.status()).isZero();
    assertThat(tries).hasSize(4);
    assertThat(runs())
        .as("cleared and rerun, not duplicated")
        .hasSize(4)
        .allSatisfy(run -> assertThat(run.state().isTerminal()).isTrue());
  }

  /**
   * Airflow 3 names a backfill run after its run_after (Timetable.generate_run_id): for a data
   * interval timetable that is the interval's end, not the logical date; the run's logical date and
   * interval stay the interval's start and the interval.
   */
  @Test
  void aDataIntervalDagsBackfillRunIsNamedAfterTheIntervalsEnd() {
    DagBuilder builder =
        DagBuilder.dag("etl").schedule("@daily").startDate("2024-01-01").cronDataIntervals(true);
    builder.task(
        "load",
        ctx -> {
          tries.add(ctx.render("{{ run_id }} {{ ds }} {{ data_interval_end | ds }}"));
          return null;
        });
    CommandRuns run =
        CommandRuns.execute(
            new BackfillCommand(List.of(DagProvider.of(builder.build())), NOW),
            "etl",
            "--runs-dir",
            runsDir.toString(),
            "--no-fsync",
            "--from-date",
            "2024-01-02",
            "--to-date",
            "2024-01-03");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(tries)
        .containsExactlyInAnyOrder(
            "backfill__2024-01-03T00:00:00+00:00 2024-01-02 2024-01-03",
            "backfill__2024-01-04T00:00:00+00:00 2024-01-03 2024-01-04");
  }

  @Test
  void withNoTaskLogsTheRunsAreRecordedWithoutATryLog() {
    CommandRuns quiet =
        backfill("--from-date", "2024-01-01", "--to-date", "2024-01-02", "--no-task-logs");
    assertThat(quiet.status()).as(quiet.err()).isZero();
    assertThat(runs()).hasSize(2).allSatisfy(run -> assertThat(run.state().isTerminal()).isTrue());
    Journals journals = Journals.in(runsDir);
    for (RunSummary run : runs()) {
      assertThat(journals.runDir("etl", run.runId())).doesNotExist();
      assertThat(journals.views().keptNoTaskLogs("etl", run.runId())).isTrue();
    }
  }

  @Test
  void anExistingScheduledRunIsClearedInPlaceAndARunInFlightIsSkipped() {
    CommandRuns manual =
        CommandRuns.execute(
            new RunCommand(List.of(provider("@daily"))),
            "etl",
            "--runs-dir",
            runsDir.toString(),
            "--run-id",
            "scheduled__2024-01-02T00:00:00+00:00",
            "--logical-date",
            "2024-01-02");
    assertThat(manual.status()).as(manual.err()).isZero();
    tries.clear();
    try (RunLock held = Journals.in(runsDir).lock("etl", "scheduled__2024-01-02T00:00:00+00:00")) {
      CommandRuns skipped =
          backfill(
              "--from-date",
              "2024-01-02",
              "--to-date",
              "2024-01-02",
              "--reprocess-behavior",
              "completed");
      assertThat(skipped.out()).contains("skipped scheduled__2024-01-02T00:00:00+00:00: in flight");
      assertThat(tries).isEmpty();
    }
    CommandRuns cleared =
        backfill(
            "--from-date",
            "2024-01-02",
            "--to-date",
            "2024-01-02",
            "--reprocess-behavior",
            "completed");
    assertThat(cleared.status()).isZero();
    assertThat(tries).containsExactly("scheduled__2024-01-02T00:00:00+00:00 scheduled 2024-01-02");
    assertThat(runs()).singleElement().satisfies(run -> assertThat(run.resumes()).isEqualTo(1));
  }

  @Test
  void refusesFutureDatesReversedDatesNonPeriodicSchedulesAndASecondBackfill() {
    CommandRuns future = backfill("--from-date", "2024-02-01", "--to-date", "2024-02-03");
    assertThat(future.status()).isEqualTo(2);
    assertThat(future.err()).contains("Backfill cannot be executed for future dates");

    CommandRuns reversed = backfill("--from-date", "2024-01-03", "--to-date", "2024-01-01");
    assertThat(reversed.status()).isEqualTo(2);
    assertThat(reversed.err())
        .contains("--from-date (2024-01-03T00:00:00+00:00) must not be after --to-date");

    CommandRuns once =
        CommandRuns.execute(
            new BackfillCommand(List.of(provider("@once")), NOW),
            "etl",
            "--from-date",
            "2024-01-01",
            "--to-date",
            "2024-01-02",
            "--runs-dir",
            runsDir.toString());
    assertThat(once.status()).isEqualTo(2);
    assertThat(once.err())
        .contains("non-periodic schedule (@once) that does not support backfills");

    try (ProcessLock other = ProcessLock.backfill(Journals.in(runsDir), "etl")) {
      CommandRuns second = backfill("--from-date", "2024-01-01", "--to-date", "2024-01-02");
      assertThat(second.status()).isEqualTo(2);
      assertThat(second.err())
          .contains("another backfill of DAG 'etl' is running")
          .contains("only one running backfill per DAG");
    }
    assertThat(runs()).isEmpty();
  }
}
