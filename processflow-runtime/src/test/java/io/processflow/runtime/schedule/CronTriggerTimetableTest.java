package io.processflow.runtime.schedule;

import static io.processflow.runtime.schedule.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Airflow's {@code airflow-core/tests/unit/timetables/test_trigger_timetable.py}, ported as golden
 * cases: each names the Airflow test it comes from; {@code time_machine.travel(t)} becomes the
 * {@code now} argument.
 */
class CronTriggerTimetableTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final Instant START_DATE = utc(2021, 9, 4);
  private static final DataInterval PREV_DATA_INTERVAL_EXACT =
      DataInterval.exact(START_DATE.plus(Duration.ofDays(1)));
  private static final Instant CURRENT_TIME = utc(2021, 9, 7);
  private static final Instant YESTERDAY = CURRENT_TIME.minus(Duration.ofDays(1));
  private static final Duration DELTA_FROM_MIDNIGHT = Duration.ofHours(16).plusMinutes(30);
  private static final CronTriggerTimetable HOURLY = new CronTriggerTimetable("0 * * * *", UTC);
  private static final DeltaTriggerTimetable HOURLY_DELTA =
      new DeltaTriggerTimetable(Duration.ofHours(1));

  private static Optional<DagRunInfo> exact(Instant at) {
    return Optional.of(DagRunInfo.exact(at));
  }

  // test_daily_cron_trigger_no_catchup_first_starts_at_next_schedule
  @Test
  void dailyCronNoCatchupFirstStartsAtNextSchedule() {
    CronTriggerTimetable daily = new CronTriggerTimetable("30 16 * * *", UTC);
    TimeRestriction restriction = new TimeRestriction(YESTERDAY, null, false);
    // first-run
    assertThat(daily.nextDagRunInfo(null, restriction, CURRENT_TIME))
        .isEqualTo(exact(YESTERDAY.plus(DELTA_FROM_MIDNIGHT)));
    // before-now
    assertThat(
            daily.nextDagRunInfo(
                DataInterval.exact(YESTERDAY.plus(DELTA_FROM_MIDNIGHT)), restriction, CURRENT_TIME))
        .isEqualTo(exact(CURRENT_TIME.plus(DELTA_FROM_MIDNIGHT)));
    // after-now
    assertThat(
            daily.nextDagRunInfo(
                DataInterval.exact(CURRENT_TIME.plus(DELTA_FROM_MIDNIGHT)),
                restriction,
                CURRENT_TIME))
        .isEqualTo(exact(CURRENT_TIME.plus(Duration.ofDays(1)).plus(DELTA_FROM_MIDNIGHT)));
  }

  // test_daily_delta_trigger_no_catchup_first_starts_at_next_schedule (timedelta)
  @Test
  void dailyDeltaNoCatchupFirstStartsAtNextSchedule() {
    DeltaTriggerTimetable daily = new DeltaTriggerTimetable(Duration.ofDays(1));
    TimeRestriction restriction = new TimeRestriction(YESTERDAY, null, false);
    assertThat(daily.nextDagRunInfo(null, restriction, CURRENT_TIME))
        .isEqualTo(exact(CURRENT_TIME));
    assertThat(
            daily.nextDagRunInfo(
                DataInterval.exact(YESTERDAY.plus(DELTA_FROM_MIDNIGHT)), restriction, CURRENT_TIME))
        .isEqualTo(exact(CURRENT_TIME.plus(DELTA_FROM_MIDNIGHT)));
    assertThat(
            daily.nextDagRunInfo(
                DataInterval.exact(CURRENT_TIME.plus(DELTA_FROM_MIDNIGHT)),
                restriction,
                CURRENT_TIME))
        .isEqualTo(exact(CURRENT_TIME.plus(Duration.ofDays(1)).plus(DELTA_FROM_MIDNIGHT)));
  }

  // test_hourly_cron_trigger_no_catchup_next_info
  @Test
  void hourlyCronNoCatchupNextInfo() {
    TimeRestriction fromStart = new TimeRestriction(START_DATE, null, false);
    // current_time_on_boundary
    assertThat(HOURLY.nextDagRunInfo(PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27)))
        .isEqualTo(exact(utc(2022, 7, 27)));
    // current_time_not_on_boundary
    assertThat(HOURLY.nextDagRunInfo(PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27, 0, 30)))
        .isEqualTo(exact(utc(2022, 7, 27)));
    // current_time_miss_one_interval_on_boundary
    assertThat(HOURLY.nextDagRunInfo(PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27, 1)))
        .isEqualTo(exact(utc(2022, 7, 27, 1)));
    // current_time_miss_one_interval_not_on_boundary
    assertThat(HOURLY.nextDagRunInfo(PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27, 1, 30)))
        .isEqualTo(exact(utc(2022, 7, 27, 1)));
    // future_start_date
    assertThat(
            HOURLY.nextDagRunInfo(
                PREV_DATA_INTERVAL_EXACT,
                new TimeRestriction(utc(2199, 12, 31, 22, 30), null, false),
                utc(2022, 7, 27, 0, 30)))
        .isEqualTo(exact(utc(2199, 12, 31, 23)));
  }

  // test_hourly_delta_trigger_no_catchup_next_info (timedelta)
  @Test
  void hourlyDeltaNoCatchupNextInfo() {
    TimeRestriction fromStart = new TimeRestriction(START_DATE, null, false);
    assertThat(HOURLY_DELTA.nextDagRunInfo(PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27)))
        .isEqualTo(exact(utc(2022, 7, 27)));
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(
                PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27, 0, 30)))
        .isEqualTo(exact(utc(2022, 7, 27, 0, 30)));
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27, 1)))
        .isEqualTo(exact(utc(2022, 7, 27, 1)));
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(
                PREV_DATA_INTERVAL_EXACT, fromStart, utc(2022, 7, 27, 1, 30)))
        .isEqualTo(exact(utc(2022, 7, 27, 1, 30)));
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(
                PREV_DATA_INTERVAL_EXACT,
                new TimeRestriction(utc(2199, 12, 31, 22, 30), null, false),
                utc(2022, 7, 27, 0, 30)))
        .isEqualTo(exact(utc(2199, 12, 31, 22, 30)));
  }

  // test_hourly_cron_trigger_catchup_next_info
  @Test
  void hourlyCronCatchupNextInfo() {
    Instant now = utc(2030, 1, 1);
    assertThat(
            HOURLY.nextDagRunInfo(
                DataInterval.exact(utc(2022, 7, 27)),
                new TimeRestriction(START_DATE, null, true),
                now))
        .isEqualTo(exact(utc(2022, 7, 27, 1)));
    assertThat(
            HOURLY.nextDagRunInfo(
                DataInterval.exact(utc(2022, 7, 27, 0, 30)),
                new TimeRestriction(START_DATE, null, true),
                now))
        .isEqualTo(exact(utc(2022, 7, 27, 1)));
    assertThat(HOURLY.nextDagRunInfo(null, new TimeRestriction(utc(2022, 7, 27), null, true), now))
        .isEqualTo(exact(utc(2022, 7, 27)));
    assertThat(
            HOURLY.nextDagRunInfo(
                null, new TimeRestriction(utc(2022, 7, 27, 0, 30), null, true), now))
        .isEqualTo(exact(utc(2022, 7, 27, 1)));
  }

  // test_hourly_delta_trigger_catchup_next_info (timedelta)
  @Test
  void hourlyDeltaCatchupNextInfo() {
    Instant now = utc(2030, 1, 1);
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(
                DataInterval.exact(utc(2022, 7, 27)),
                new TimeRestriction(START_DATE, null, true),
                now))
        .isEqualTo(exact(utc(2022, 7, 27, 1)));
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(
                DataInterval.exact(utc(2022, 7, 27, 0, 30)),
                new TimeRestriction(START_DATE, null, true),
                now))
        .isEqualTo(exact(utc(2022, 7, 27, 1, 30)));
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(
                null, new TimeRestriction(utc(2022, 7, 27), null, true), now))
        .isEqualTo(exact(utc(2022, 7, 27)));
    assertThat(
            HOURLY_DELTA.nextDagRunInfo(
                null, new TimeRestriction(utc(2022, 7, 27, 0, 30), null, true), now))
        .isEqualTo(exact(utc(2022, 7, 27, 0, 30)));
  }

  // test_run_immediately, run_immediately=False (Airflow's default), catchup True and False
  @Test
  void withoutStartDateTheFirstRunIsThePreviousTickWhenNowIsCloseToIt() {
    CronTriggerTimetable daily = new CronTriggerTimetable("0 3 * * *", UTC);
    Instant justAfter = utc(2024, 8, 15, 3, 5);
    Instant wayAfter = utc(2024, 8, 15, 12, 5);
    for (boolean catchup : new boolean[] {true, false}) {
      TimeRestriction none = new TimeRestriction(null, null, catchup);
      assertThat(daily.nextDagRunInfo(null, none, justAfter)).isEqualTo(exact(utc(2024, 8, 15, 3)));
      assertThat(daily.nextDagRunInfo(null, none, wayAfter)).isEqualTo(exact(utc(2024, 8, 16, 3)));
    }
  }

  // test_run_immediately_fast_dag: every 10 minutes, so the buffer is the 5-minute floor
  @Test
  void aFastCronFallsBackToTheFiveMinuteBuffer() {
    CronTriggerTimetable fast = new CronTriggerTimetable("*/10 3 * * *", UTC);
    for (boolean catchup : new boolean[] {true, false}) {
      assertThat(
              fast.nextDagRunInfo(
                  null, new TimeRestriction(null, null, catchup), utc(2024, 8, 15, 3, 5)))
          .isEqualTo(exact(utc(2024, 8, 15, 3)));
    }
  }

  // test_validate_failure (cron): "0 0 1 13 0" is out of range
  @Test
  void anOutOfRangeCronIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new CronTriggerTimetable("0 0 1 13 0", UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("13");
  }

  // test_validate_failure (timedelta): a negative interval is refused
  @Test
  void aNegativeDeltaIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DeltaTriggerTimetable(Duration.ofDays(-1)))
        .hasMessageContaining("schedule interval must be positive");
  }

  @Test
  void theEndDateIsAnInclusiveBound() {
    TimeRestriction upToNoon = new TimeRestriction(utc(2024, 1, 1), utc(2024, 1, 1, 12), true);
    assertThat(
            HOURLY.nextDagRunInfo(
                DataInterval.exact(utc(2024, 1, 1, 11)), upToNoon, utc(2030, 1, 1)))
        .isEqualTo(exact(utc(2024, 1, 1, 12)));
    assertThat(
            HOURLY.nextDagRunInfo(
                DataInterval.exact(utc(2024, 1, 1, 12)), upToNoon, utc(2030, 1, 1)))
        .isEmpty();
  }

  @Test
  void withoutCatchupTheMostRecentMissedTickRunsAtOnce() {
    CronTriggerTimetable daily = new CronTriggerTimetable("0 0 * * *", UTC);
    // Last run on Jan 1st, now Jan 10th 15:00: Jan 2nd to 9th are skipped, Jan 10th runs now.
    assertThat(
            daily.nextDagRunInfo(
                DataInterval.exact(utc(2024, 1, 1)),
                new TimeRestriction(utc(2023, 1, 1), null, false),
                utc(2024, 1, 10, 15)))
        .isEqualTo(exact(utc(2024, 1, 10)));
    // With catchup, Jan 2nd is next.
    assertThat(
            daily.nextDagRunInfo(
                DataInterval.exact(utc(2024, 1, 1)),
                new TimeRestriction(utc(2023, 1, 1), null, true),
                utc(2024, 1, 10, 15)))
        .isEqualTo(exact(utc(2024, 1, 2)));
  }

  @Test
  void onceRunsAtTheStartDateWhateverCatchupSays() {
    for (boolean catchup : new boolean[] {true, false}) {
      TimeRestriction restriction = new TimeRestriction(utc(2024, 1, 1), null, catchup);
      assertThat(OnceTimetable.INSTANCE.nextDagRunInfo(null, restriction, utc(2025, 1, 1)))
          .isEqualTo(exact(utc(2024, 1, 1)));
      assertThat(
              OnceTimetable.INSTANCE.nextDagRunInfo(
                  DataInterval.exact(utc(2024, 1, 1)), restriction, utc(2025, 1, 1)))
          .isEmpty();
    }
    assertThat(
            OnceTimetable.INSTANCE.nextDagRunInfo(
                null, new TimeRestriction(null, null, false), utc(2025, 1, 1)))
        .isEqualTo(exact(utc(2025, 1, 1)));
    assertThat(
            OnceTimetable.INSTANCE.nextDagRunInfo(
                null,
                new TimeRestriction(utc(2024, 1, 2), utc(2024, 1, 1), false),
                utc(2025, 1, 1)))
        .isEmpty();
  }

  // test_generate_run_id_default_timetable_unaffected: scheduled__ and the logical date's isoformat
  @Test
  void runIdsAreWrittenAsAirflowWritesThem() {
    assertThat(RunIds.scheduled(utc(2024, 1, 1))).isEqualTo("scheduled__2024-01-01T00:00:00+00:00");
    assertThat(RunIds.scheduled(utc(2024, 1, 1).plusNanos(123_456_000)))
        .isEqualTo("scheduled__2024-01-01T00:00:00.123456+00:00");
  }
}
