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
 * Airflow's {@code airflow-core/tests/unit/timetables/test_interval_timetable.py}, the {@code
 * CronDataIntervalTimetable} cases, ported as golden cases with {@code now} passed in.
 */
class CronDataIntervalTimetableTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final Instant START_DATE = utc(2021, 9, 4);
  private static final DataInterval PREV_DATA_INTERVAL =
      new DataInterval(START_DATE, START_DATE.plus(Duration.ofDays(1)));
  private static final Instant CURRENT_TIME = utc(2021, 9, 7);
  private static final Instant YESTERDAY = CURRENT_TIME.minus(Duration.ofDays(1));
  private static final DataInterval OLD_INTERVAL = new DataInterval(YESTERDAY, CURRENT_TIME);
  private static final CronDataIntervalTimetable HOURLY =
      new CronDataIntervalTimetable("0 * * * *", UTC);
  private static final CronDataIntervalTimetable CRON =
      new CronDataIntervalTimetable("30 16 * * *", UTC);
  private static final Duration DELTA_FROM_MIDNIGHT = Duration.ofHours(16).plusMinutes(30);

  private static Optional<DagRunInfo> interval(Instant start, Instant end) {
    return Optional.of(DagRunInfo.interval(start, end));
  }

  private static DataInterval next(
      CronDataIntervalTimetable timetable, DataInterval last, TimeRestriction restriction) {
    return timetable
        .nextDagRunInfo(last, restriction, utc(2030, 1, 1))
        .orElseThrow()
        .dataInterval();
  }

  // test_no_catchup_first_starts_at_current_time
  @Test
  void noCatchupFirstStartsAtCurrentTime() {
    for (DataInterval last : new DataInterval[] {null, PREV_DATA_INTERVAL}) {
      assertThat(
              CRON.nextDagRunInfo(last, new TimeRestriction(YESTERDAY, null, false), CURRENT_TIME))
          .isEqualTo(
              interval(
                  YESTERDAY.plus(DELTA_FROM_MIDNIGHT), CURRENT_TIME.plus(DELTA_FROM_MIDNIGHT)));
    }
  }

  // test_new_schedule_next_info_starts_at_new_time
  @Test
  void newScheduleNextInfoStartsAtNewTime() {
    for (Instant earliest : new Instant[] {null, START_DATE}) {
      for (boolean catchup : new boolean[] {true, false}) {
        assertThat(
                CRON.nextDagRunInfo(
                    OLD_INTERVAL, new TimeRestriction(earliest, null, catchup), CURRENT_TIME))
            .isEqualTo(
                interval(
                    YESTERDAY.plus(DELTA_FROM_MIDNIGHT), CURRENT_TIME.plus(DELTA_FROM_MIDNIGHT)));
      }
    }
  }

  // test_no_catchup_next_info_starts_at_current_time (cron)
  @Test
  void noCatchupNextIntervalEndsAtCurrentTime() {
    for (DataInterval last : new DataInterval[] {null, PREV_DATA_INTERVAL}) {
      assertThat(
              HOURLY.nextDagRunInfo(
                  last, new TimeRestriction(START_DATE, null, false), CURRENT_TIME))
          .isEqualTo(interval(CURRENT_TIME.minus(Duration.ofHours(1)), CURRENT_TIME));
    }
  }

  // test_catchup_next_info_starts_at_previous_interval_end (cron)
  @Test
  void catchupNextIntervalStartsAtPreviousEnd() {
    assertThat(
            HOURLY.nextDagRunInfo(
                PREV_DATA_INTERVAL, new TimeRestriction(START_DATE, null, true), CURRENT_TIME))
        .isEqualTo(
            interval(PREV_DATA_INTERVAL.end(), PREV_DATA_INTERVAL.end().plus(Duration.ofHours(1))));
  }

  // test_cron_next_dagrun_info_alignment: exact, and changed (a last interval off the new schedule)
  @Test
  void theNextIntervalAlignsToTheSchedule() {
    CronDataIntervalTimetable daily = new CronDataIntervalTimetable("0 0 * * *", UTC);
    TimeRestriction none = new TimeRestriction(null, null, true);
    assertThat(
            daily.nextDagRunInfo(
                new DataInterval(utc(2022, 8, 7), utc(2022, 8, 8)), none, utc(2030, 1, 1)))
        .isEqualTo(interval(utc(2022, 8, 8), utc(2022, 8, 9)));
    assertThat(
            daily.nextDagRunInfo(
                new DataInterval(utc(2022, 8, 7, 1), utc(2022, 8, 8, 1)), none, utc(2030, 1, 1)))
        .isEqualTo(interval(utc(2022, 8, 8), utc(2022, 8, 9)));
  }

  // TestCronIntervalDst.test_entering_exact (Europe/Zurich, DST from 2023-03-26 02:00)
  @Test
  void zurichEnteringDstExact() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("0 3 * * *", ZoneId.of("Europe/Zurich"));
    TimeRestriction restriction = new TimeRestriction(utc(2023, 3, 24), null, true);
    DataInterval first = next(timetable, null, restriction);
    assertThat(first).isEqualTo(new DataInterval(utc(2023, 3, 24, 2), utc(2023, 3, 25, 2)));
    DataInterval crossing = next(timetable, first, restriction);
    assertThat(crossing).isEqualTo(new DataInterval(utc(2023, 3, 25, 2), utc(2023, 3, 26, 1)));
    assertThat(next(timetable, crossing, restriction))
        .isEqualTo(new DataInterval(utc(2023, 3, 26, 1), utc(2023, 3, 27, 1)));
  }

  // TestCronIntervalDst.test_entering_skip: 02:00 does not exist on the 26th and becomes 03:00
  @Test
  void zurichEnteringDstSkippedHour() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("0 2 * * *", ZoneId.of("Europe/Zurich"));
    TimeRestriction restriction = new TimeRestriction(utc(2023, 3, 24), null, true);
    DataInterval first = next(timetable, null, restriction);
    assertThat(first).isEqualTo(new DataInterval(utc(2023, 3, 24, 1), utc(2023, 3, 25, 1)));
    DataInterval crossing = next(timetable, first, restriction);
    assertThat(crossing).isEqualTo(new DataInterval(utc(2023, 3, 25, 1), utc(2023, 3, 26, 1)));
    assertThat(next(timetable, crossing, restriction))
        .isEqualTo(new DataInterval(utc(2023, 3, 26, 1), utc(2023, 3, 27, 0)));
  }

  // TestCronIntervalDst.test_exiting_exact (DST ends 2023-10-29 03:00 -> 02:00)
  @Test
  void zurichExitingDstExact() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("0 3 * * *", ZoneId.of("Europe/Zurich"));
    TimeRestriction restriction = new TimeRestriction(utc(2023, 10, 27), null, true);
    DataInterval first = next(timetable, null, restriction);
    assertThat(first).isEqualTo(new DataInterval(utc(2023, 10, 27, 1), utc(2023, 10, 28, 1)));
    DataInterval crossing = next(timetable, first, restriction);
    assertThat(crossing).isEqualTo(new DataInterval(utc(2023, 10, 28, 1), utc(2023, 10, 29, 2)));
    assertThat(next(timetable, crossing, restriction))
        .isEqualTo(new DataInterval(utc(2023, 10, 29, 2), utc(2023, 10, 30, 2)));
  }

  // TestCronIntervalDst.test_exiting_fold: the repeated 02:00 is its second occurrence (fold=1)
  @Test
  void zurichExitingDstRepeatedHourIsItsSecondOccurrence() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("0 2 * * *", ZoneId.of("Europe/Zurich"));
    TimeRestriction restriction = new TimeRestriction(utc(2023, 10, 27), null, true);
    DataInterval first = next(timetable, null, restriction);
    assertThat(first).isEqualTo(new DataInterval(utc(2023, 10, 27, 0), utc(2023, 10, 28, 0)));
    DataInterval fold = next(timetable, first, restriction);
    assertThat(fold).isEqualTo(new DataInterval(utc(2023, 10, 28, 0), utc(2023, 10, 29, 1)));
    assertThat(next(timetable, fold, restriction))
        .isEqualTo(new DataInterval(utc(2023, 10, 29, 1), utc(2023, 10, 30, 1)));
  }

  // TestCronIntervalDstNonTrivial.test_7_to_8_entering (apache/airflow#7999, Los Angeles
  // 2020-03-08)
  @Test
  void losAngelesSevenToEightEnteringDst() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("0 7-8 * * *", ZoneId.of("America/Los_Angeles"));
    TimeRestriction restriction = new TimeRestriction(utc(2020, 3, 7), null, true);
    DataInterval first = next(timetable, null, restriction);
    assertThat(first).isEqualTo(new DataInterval(utc(2020, 3, 7, 15), utc(2020, 3, 7, 16)));
    DataInterval crossing = next(timetable, first, restriction);
    assertThat(crossing).isEqualTo(new DataInterval(utc(2020, 3, 7, 16), utc(2020, 3, 8, 14)));
    assertThat(next(timetable, crossing, restriction))
        .isEqualTo(new DataInterval(utc(2020, 3, 8, 14), utc(2020, 3, 8, 15)));
  }

  // TestCronIntervalDstNonTrivial.test_7_and_9_entering (apache/airflow#7999)
  @Test
  void losAngelesSevenAndNineEnteringDst() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("0 7,9 * * *", ZoneId.of("America/Los_Angeles"));
    TimeRestriction restriction = new TimeRestriction(utc(2020, 3, 7), null, true);
    DataInterval first = next(timetable, null, restriction);
    assertThat(first).isEqualTo(new DataInterval(utc(2020, 3, 7, 15), utc(2020, 3, 7, 17)));
    DataInterval crossing = next(timetable, first, restriction);
    assertThat(crossing).isEqualTo(new DataInterval(utc(2020, 3, 7, 17), utc(2020, 3, 8, 14)));
    assertThat(next(timetable, crossing, restriction))
        .isEqualTo(new DataInterval(utc(2020, 3, 8, 14), utc(2020, 3, 8, 16)));
  }

  // test_fold_scheduling: "*/30 * * * *" in Zurich runs in both copies of the repeated hour
  @Test
  void everyHalfHourRunsInBothCopiesOfTheRepeatedHour() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("*/30 * * * *", ZoneId.of("Europe/Zurich"));
    TimeRestriction restriction = new TimeRestriction(utc(2023, 10, 28, 23, 30), null, true);
    Instant[] ends = {
      utc(2023, 10, 29, 0, 0),
      utc(2023, 10, 29, 0, 30),
      utc(2023, 10, 29, 1, 0),
      utc(2023, 10, 29, 1, 30),
      utc(2023, 10, 29, 2, 0)
    };
    DataInterval last = null;
    Instant start = utc(2023, 10, 28, 23, 30);
    for (Instant end : ends) {
      last = next(timetable, last, restriction);
      assertThat(last).isEqualTo(new DataInterval(start, end));
      start = end;
    }
  }

  // test_cron_next_dagrun_info_no_catchup_dst: new-york-dst-gap, zurich-dst-gap, new-york-fold
  @Test
  void noCatchupAcrossDstNeverProposesAnIntervalThatHasNotEnded() {
    CronDataIntervalTimetable newYork =
        new CronDataIntervalTimetable("0 2 * * *", ZoneId.of("America/New_York"));
    TimeRestriction none = new TimeRestriction(null, null, false);
    assertThat(newYork.nextDagRunInfo(null, none, utc(2024, 3, 10, 7, 30)))
        .isEqualTo(interval(utc(2024, 3, 9, 7), utc(2024, 3, 10, 7)));
    assertThat(newYork.nextDagRunInfo(null, none, utc(2024, 3, 10, 7)))
        .isEqualTo(interval(utc(2024, 3, 9, 7), utc(2024, 3, 10, 7)));
    CronDataIntervalTimetable zurich =
        new CronDataIntervalTimetable("0 2 * * *", ZoneId.of("Europe/Zurich"));
    assertThat(zurich.nextDagRunInfo(null, none, utc(2023, 3, 26, 1, 30)))
        .isEqualTo(interval(utc(2023, 3, 25, 1), utc(2023, 3, 26, 1)));
    CronDataIntervalTimetable fold =
        new CronDataIntervalTimetable("0 1 * * *", ZoneId.of("America/New_York"));
    assertThat(fold.nextDagRunInfo(null, none, utc(2024, 11, 3, 5, 30)))
        .isEqualTo(interval(utc(2024, 11, 1, 5), utc(2024, 11, 2, 5)));
  }

  // test_zero_length_last_interval_does_not_re_emit_logical_date
  @Test
  void aZeroLengthLastIntervalDoesNotReEmitItsLogicalDate() {
    CronDataIntervalTimetable timetable = new CronDataIntervalTimetable("0 17 * * *", UTC);
    for (boolean catchup : new boolean[] {true, false}) {
      assertThat(
              timetable.nextDagRunInfo(
                  DataInterval.exact(utc(2021, 9, 5, 17)),
                  new TimeRestriction(null, null, catchup),
                  utc(2021, 9, 7, 15)))
          .isEqualTo(interval(utc(2021, 9, 6, 17), utc(2021, 9, 7, 17)));
    }
  }

  // apache/airflow#30088: "20 */4 * * *" in Los Angeles around 2023-03-12's change crashed the
  // scheduler ("next schedule shouldn't be earlier"). At every minute of that night the next run
  // without catchup is an interval that has ended, whose end is the next interval's start.
  @Test
  void noCatchupAroundTheSpringChangeNeverFailsOfIssue30088() {
    CronDataIntervalTimetable timetable =
        new CronDataIntervalTimetable("20 */4 * * *", ZoneId.of("America/Los_Angeles"));
    CronClock clock = new CronClock("20 */4 * * *", ZoneId.of("America/Los_Angeles"));
    for (Instant now = utc(2023, 3, 12, 6);
        now.isBefore(utc(2023, 3, 12, 14));
        now = now.plus(Duration.ofMinutes(1))) {
      DagRunInfo info =
          timetable.nextDagRunInfo(null, new TimeRestriction(null, null, false), now).orElseThrow();
      assertThat(info.runAfter()).as("now %s", now).isBeforeOrEqualTo(now);
      assertThat(clock.next(info.runAfter())).as("now %s", now).isAfter(now);
      assertThat(info.dataInterval().end()).isEqualTo(clock.next(info.logicalDate()));
    }
  }
}
