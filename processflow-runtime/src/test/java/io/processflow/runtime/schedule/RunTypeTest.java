package io.processflow.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Run types and each run's data interval as Airflow 3 gives them: {@code generate_run_id}, the
 * timetables' intervals for scheduled runs and {@code infer_manual_data_interval} for manual ones.
 */
class RunTypeTest {
  private static final Instant JAN_24 = Instant.parse("2024-01-24T00:00:00Z");
  private static final Instant JAN_25 = Instant.parse("2024-01-25T00:00:00Z");
  private static final Instant JAN_25_1AM = Instant.parse("2024-01-25T01:00:00Z");

  @Test
  void runIdsAndTheirTypes() {
    assertThat(RunType.BACKFILL.runId(JAN_24)).isEqualTo("backfill__2024-01-24T00:00:00+00:00");
    assertThat(RunIds.backfill(JAN_24.plusNanos(5_000)))
        .isEqualTo("backfill__2024-01-24T00:00:00.000005+00:00");
    assertThat(RunType.ofRunId("scheduled__2024-01-24T00:00:00+00:00"))
        .isEqualTo(RunType.SCHEDULED);
    assertThat(RunType.ofRunId("backfill__2024-01-24T00:00:00+00:00")).isEqualTo(RunType.BACKFILL);
    assertThat(RunType.ofRunId("manual__2024-01-24T00:00:00+00:00")).isEqualTo(RunType.MANUAL);
    assertThat(RunType.ofRunId("my-own-id")).isEqualTo(RunType.MANUAL);
    assertThat(RunType.ofValue("backfill")).isEqualTo(RunType.BACKFILL);
    assertThat(RunType.ofValue("asset_triggered")).isNull();
  }

  @Test
  void cronDataIntervalsScheduledRunsCoverATickToTheNextAndManualRunsTheLastWholeInterval() {
    Timetable daily = new CronDataIntervalTimetable("0 0 * * *", ZoneOffset.UTC);
    assertThat(daily.dataInterval(RunType.SCHEDULED, JAN_24))
        .isEqualTo(new DataInterval(JAN_24, JAN_25));
    assertThat(daily.dataInterval(RunType.BACKFILL, JAN_24))
        .isEqualTo(new DataInterval(JAN_24, JAN_25));
    // Airflow's own example: triggered at 01:00 on the 25th, a daily DAG processes the 24th.
    assertThat(daily.dataInterval(RunType.MANUAL, JAN_25_1AM))
        .isEqualTo(new DataInterval(JAN_24, JAN_25));
    assertThat(daily.dataInterval(RunType.MANUAL, JAN_25))
        .isEqualTo(new DataInterval(JAN_24, JAN_25));
  }

  @Test
  void triggerTimetablesGiveEveryRunAZeroLengthInterval() {
    for (RunType type : RunType.values()) {
      assertThat(
              new CronTriggerTimetable("0 0 * * *", ZoneOffset.UTC).dataInterval(type, JAN_25_1AM))
          .isEqualTo(DataInterval.exact(JAN_25_1AM));
      assertThat(
              new DeltaTriggerTimetable(java.time.Duration.ofHours(6))
                  .dataInterval(type, JAN_25_1AM))
          .isEqualTo(DataInterval.exact(JAN_25_1AM));
    }
  }

  @Test
  void theTemplateContextHasTheRunsTypeAndRealDataInterval() {
    AtomicReference<String> seen = new AtomicReference<>();
    DagBuilder dag =
        DagBuilder.dag("ctx").schedule("@daily").startDate("2024-01-01").cronDataIntervals(true);
    dag.task(
        "t",
        ctx -> {
          seen.set(
              ctx.render(
                  "{{ dag_run.run_type }}|{{ run_id }}|{{ ds }}|{{ data_interval_start }}|{{ data_interval_end | ds }}"));
          return null;
        });
    try (DagRunner runner = DagRunner.create()) {
      runner.run(dag.build(), RunConfig.builder().logicalDate(JAN_25_1AM).build());
      assertThat(seen.get())
          .isEqualTo(
              "manual|manual__2024-01-25T01:00:00+00:00|2024-01-25|2024-01-24 00:00:00+00:00|2024-01-25");
      runner.run(
          dag.build(),
          RunConfig.builder().logicalDate(JAN_24).runId(RunIds.backfill(JAN_24)).build());
      assertThat(seen.get())
          .isEqualTo(
              "backfill|backfill__2024-01-24T00:00:00+00:00|2024-01-24|2024-01-24 00:00:00+00:00|2024-01-25");
    }
  }
}
