package io.processflow.runtime.schedule;

import static io.processflow.runtime.schedule.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagValidationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Upcoming runs of DSL DAGs: the timetable, the start date and the end date, strictly after an
 * instant.
 */
class NextRunsTest {
  private static final Instant NOW = utc(2030, 1, 1);

  private static DagDefinition dag(DagBuilder builder) {
    builder.task("a", ctx -> null);
    return builder.build();
  }

  private static List<Instant> next(DagDefinition dag, Instant after, int count) {
    return NextRuns.after(dag.timetable(), dag.schedule(), after, count, NOW).stream()
        .map(DagRunInfo::logicalDate)
        .toList();
  }

  @Test
  void aDailyCronInLondonAcrossTheSpringChange() {
    DagDefinition dag =
        dag(
            DagBuilder.dag("d")
                .schedule("30 1 * * *")
                .timezone("Europe/London")
                .startDate("2024-01-01"));
    assertThat(dag.timetable()).isInstanceOf(CronTriggerTimetable.class);
    // 01:30 does not exist on 2024-03-31: that run is at 02:30 BST (01:30Z); the next at 01:30 BST.
    assertThat(next(dag, utc(2024, 3, 30, 12), 3))
        .containsExactly(utc(2024, 3, 31, 1, 30), utc(2024, 4, 1, 0, 30), utc(2024, 4, 2, 0, 30));
  }

  @Test
  void strictlyAfterTheInstantAndWithinTheInclusiveBounds() {
    DagDefinition dag =
        dag(DagBuilder.dag("d").schedule("@daily").startDate("2024-01-10").endDate("2024-01-12"));
    assertThat(next(dag, utc(2024, 1, 1), 10))
        .containsExactly(utc(2024, 1, 10), utc(2024, 1, 11), utc(2024, 1, 12));
    assertThat(next(dag, utc(2024, 1, 10), 10)).containsExactly(utc(2024, 1, 11), utc(2024, 1, 12));
    assertThat(next(dag, utc(2024, 1, 12), 10)).isEmpty();
  }

  @Test
  void aDurationStaysAWholeNumberOfPeriodsFromTheStartDate() {
    DagDefinition dag = dag(DagBuilder.dag("d").schedule("PT6H").startDate("2024-01-01T01:00:00Z"));
    assertThat(next(dag, utc(2024, 1, 2), 3))
        .containsExactly(utc(2024, 1, 2, 1), utc(2024, 1, 2, 7), utc(2024, 1, 2, 13));
    assertThat(next(dag, utc(2023, 1, 1), 2))
        .containsExactly(utc(2024, 1, 1, 1), utc(2024, 1, 1, 7));
  }

  @Test
  void onceRunsAtTheStartDateOnly() {
    DagDefinition dag = dag(DagBuilder.dag("d").schedule("@once").startDate("2024-05-01"));
    assertThat(next(dag, utc(2024, 1, 1), 5)).containsExactly(utc(2024, 5, 1));
    assertThat(next(dag, utc(2024, 6, 1), 5)).isEmpty();
  }

  @Test
  void cronDataIntervalsPutTheLogicalDateAtTheIntervalStart() {
    DagDefinition dag =
        dag(DagBuilder.dag("d").schedule("@daily").startDate("2024-01-01").cronDataIntervals(true));
    assertThat(dag.timetable()).isInstanceOf(CronDataIntervalTimetable.class);
    List<DagRunInfo> runs =
        NextRuns.after(dag.timetable(), dag.schedule(), utc(2024, 1, 5, 12), 2, NOW);
    assertThat(runs)
        .containsExactly(
            DagRunInfo.interval(utc(2024, 1, 6), utc(2024, 1, 7)),
            DagRunInfo.interval(utc(2024, 1, 7), utc(2024, 1, 8)));
  }

  @Test
  void aDagWithoutScheduleHasNoRuns() {
    DagDefinition dag = dag(DagBuilder.dag("d"));
    assertThat(dag.timetable().canBeScheduled()).isFalse();
    assertThat(dag.schedule().maxActiveRuns()).isEqualTo(16);
    assertThat(next(dag, utc(2024, 1, 1), 3)).isEmpty();
  }

  @Test
  void theDslRefusesWhatTheProcessorRefusesInTheSameWords() {
    DagBuilder builder =
        DagBuilder.dag("bad").schedule("0 0 31 2 * *").timezone("Mars/Olympus").maxActiveRuns(0);
    builder.task("a", ctx -> null);
    org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            DagValidationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyElementsOf(
                        io.processflow.api.internal.schedule.ScheduleSpec.check(
                                "0 0 31 2 * *", "", "", "Mars/Olympus", 0)
                            .stream()
                            .map(io.processflow.api.internal.schedule.ScheduleSpec.Problem::message)
                            .toList())
                    .hasSize(3));
  }

  // apache/airflow#50172 and #52145: in Airflow 3 a cron schedule's data interval is zero-length
  // by default (CronTriggerTimetable); cronDataIntervals(true) gives Airflow 2's window.
  @Test
  void cronDataIntervalsAreZeroLengthByDefaultAsInAirflow3() {
    DagDefinition trigger =
        dag(DagBuilder.dag("t").schedule("10 0 * * 7").startDate("2025-01-05").catchup(true));
    DagRunInfo first =
        trigger.timetable().nextDagRunInfo(null, trigger.timeRestriction(), NOW).orElseThrow();
    assertThat(first).isEqualTo(DagRunInfo.exact(Instant.parse("2025-01-05T00:10:00Z")));
    DagDefinition window =
        dag(
            DagBuilder.dag("w")
                .schedule("10 0 * * 7")
                .startDate("2025-01-05")
                .catchup(true)
                .cronDataIntervals(true));
    assertThat(window.timetable().nextDagRunInfo(null, window.timeRestriction(), NOW).orElseThrow())
        .isEqualTo(
            DagRunInfo.interval(
                Instant.parse("2025-01-05T00:10:00Z"), Instant.parse("2025-01-12T00:10:00Z")));
  }
}
