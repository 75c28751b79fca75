package io.processflow.runtime.schedule;

import static io.processflow.runtime.schedule.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron ticks as croniter reads the expression and as Airflow's {@code _cron.py} places them across
 * DST changes, in four time zones; the issue's Airflow bug reports where they describe a case.
 */
class CronClockTest {
  private static List<Instant> ticks(String cron, String zone, Instant from, int count) {
    CronClock clock = new CronClock(cron, ZoneId.of(zone));
    List<Instant> ticks = new ArrayList<>();
    Instant at = from;
    for (int i = 0; i < count; i++) {
      at = clock.next(at);
      ticks.add(at);
    }
    return ticks;
  }

  private static Instant local(String zone, int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(ZoneId.of(zone)).toInstant();
  }

  // ADR 0003: a daily tick in the spring-forward gap runs at 03:30 that day
  @Test
  void aTickInTheSpringGapMovesForward() {
    // Europe/London: 2024-03-31 01:00 GMT -> 02:00 BST, so 01:30 does not exist.
    assertThat(ticks("30 1 * * *", "Europe/London", utc(2024, 3, 30, 12), 2))
        .containsExactly(
            utc(2024, 3, 31, 1, 30), utc(2024, 4, 1, 0, 30)); // 02:30 BST, then 01:30 BST
    // America/New_York: 2024-03-10 02:00 EST -> 03:00 EDT; 02:30 becomes 03:30 EDT = 07:30Z.
    assertThat(ticks("30 2 * * *", "America/New_York", utc(2024, 3, 9, 12), 2))
        .containsExactly(utc(2024, 3, 10, 7, 30), utc(2024, 3, 11, 6, 30));
    // Australia/Sydney: 2024-10-06 02:00 AEST -> 03:00 AEDT; 02:30 becomes 03:30 AEDT = 16:30Z on
    // the 5th.
    assertThat(ticks("30 2 * * *", "Australia/Sydney", utc(2024, 10, 4, 12), 2))
        .containsExactly(utc(2024, 10, 4, 16, 30), utc(2024, 10, 5, 16, 30));
  }

  // ADR 0003 (make_aware with fold=1): a daily tick in the repeated hour runs once, at its second
  // occurrence
  @Test
  void aTickInTheRepeatedHourRunsOnceAtItsSecondOccurrence() {
    // Europe/London: 2024-10-27 02:00 BST -> 01:00 GMT; 01:30 happens twice, at 00:30Z and 01:30Z.
    assertThat(ticks("30 1 * * *", "Europe/London", utc(2024, 10, 26, 12), 2))
        .containsExactly(utc(2024, 10, 27, 1, 30), utc(2024, 10, 28, 1, 30));
    // America/New_York: 2024-11-03 02:00 EDT -> 01:00 EST; 01:30 EST = 06:30Z.
    assertThat(ticks("30 1 * * *", "America/New_York", utc(2024, 11, 2, 12), 2))
        .containsExactly(utc(2024, 11, 3, 6, 30), utc(2024, 11, 4, 6, 30));
    // Australia/Sydney: 2024-04-07 03:00 AEDT -> 02:00 AEST; 02:30 AEST = 16:30Z on the 6th.
    assertThat(ticks("30 2 * * *", "Australia/Sydney", utc(2024, 4, 6), 2))
        .containsExactly(utc(2024, 4, 6, 16, 30), utc(2024, 4, 7, 16, 30));
  }

  // _covers_every_hour (test_fold_scheduling): hour '*' steps in elapsed time, so both copies run
  @Test
  void anHourlyCronRunsInBothCopiesOfTheRepeatedHour() {
    assertThat(ticks("30 * * * *", "Europe/London", utc(2024, 10, 26, 23, 45), 4))
        .containsExactly(
            utc(2024, 10, 27, 0, 30),
            utc(2024, 10, 27, 1, 30),
            utc(2024, 10, 27, 2, 30),
            utc(2024, 10, 27, 3, 30));
    assertThat(ticks("0 * * * *", "America/New_York", utc(2024, 11, 3, 4, 30), 3))
        .containsExactly(utc(2024, 11, 3, 5), utc(2024, 11, 3, 6), utc(2024, 11, 3, 7));
    // ... and through the spring gap it simply runs every elapsed hour.
    assertThat(ticks("0 * * * *", "Australia/Sydney", utc(2024, 10, 5, 14, 30), 3))
        .containsExactly(utc(2024, 10, 5, 15), utc(2024, 10, 5, 16), utc(2024, 10, 5, 17));
  }

  @Test
  void aRangeCoveringEveryHourCountsAsEveryHour() {
    assertThat(ticks("0 0-23 * * *", "Europe/London", utc(2024, 10, 27, 0, 30), 2))
        .containsExactly(utc(2024, 10, 27, 1), utc(2024, 10, 27, 2));
    // */2 is not every hour: the repeated 01:00 runs once, at its second occurrence.
    assertThat(ticks("0 */2 * * *", "Europe/London", utc(2024, 10, 26, 22, 30), 2))
        .containsExactly(local("Europe/London", 2024, 10, 27, 0, 0), utc(2024, 10, 27, 2));
  }

  @Test
  void previousTicksAreStrictlyBefore() {
    CronClock clock = new CronClock("0 0 * * *", ZoneOffset.UTC);
    assertThat(clock.prev(utc(2024, 1, 2))).isEqualTo(utc(2024, 1, 1));
    assertThat(clock.prev(utc(2024, 1, 2).plusMillis(1))).isEqualTo(utc(2024, 1, 2));
    assertThat(clock.next(utc(2024, 1, 2))).isEqualTo(utc(2024, 1, 3));
    assertThat(clock.alignToNext(utc(2024, 1, 2))).isEqualTo(utc(2024, 1, 2));
    assertThat(clock.alignToPrev(utc(2024, 1, 2, 5))).isEqualTo(utc(2024, 1, 2));
  }

  // croniter: day of month OR day of week when both are restricted ("0 0 1 * 1": the 1st or a
  // Monday)
  @Test
  void dayOfMonthOrDayOfWeek() {
    assertThat(ticks("0 0 1 * 1", "UTC", utc(2024, 1, 1), 3))
        .containsExactly(utc(2024, 1, 8), utc(2024, 1, 15), utc(2024, 1, 22));
    assertThat(ticks("0 0 1 * 1", "UTC", utc(2024, 1, 29), 2))
        .containsExactly(utc(2024, 2, 1), utc(2024, 2, 5));
  }

  // croniter: weekday 0 and 7 are Sunday; names work
  @Test
  void sundayIsZeroOrSeven() {
    Instant sunday = utc(2024, 1, 7);
    assertThat(ticks("0 0 * * 7", "UTC", utc(2024, 1, 1), 1)).containsExactly(sunday);
    assertThat(ticks("0 0 * * 0", "UTC", utc(2024, 1, 1), 1)).containsExactly(sunday);
    assertThat(ticks("0 0 * * SUN", "UTC", utc(2024, 1, 1), 1)).containsExactly(sunday);
    assertThat(ticks("0 0 * * 1-5", "UTC", utc(2024, 1, 5, 12), 1))
        .containsExactly(utc(2024, 1, 8));
    assertThat(ticks("0 0 1 JAN *", "UTC", utc(2024, 6, 1), 1)).containsExactly(utc(2025, 1, 1));
  }

  // croniter: L (last day of month), nW (nearest weekday), d#n (n-th weekday), Ld (last weekday d)
  @Test
  void lastNearestWeekdayAndNthWeekday() {
    assertThat(ticks("0 0 L * *", "UTC", utc(2024, 2, 1), 2))
        .containsExactly(utc(2024, 2, 29), utc(2024, 3, 31));
    // 2024-06-15 is a Saturday: 15W is Friday the 14th.
    assertThat(ticks("0 0 15W * *", "UTC", utc(2024, 6, 1), 1)).containsExactly(utc(2024, 6, 14));
    // The third Friday of January 2024 is the 19th.
    assertThat(ticks("0 0 * * 5#3", "UTC", utc(2024, 1, 1), 1)).containsExactly(utc(2024, 1, 19));
    // The last Friday of January 2024 is the 26th.
    assertThat(ticks("0 0 * * L5", "UTC", utc(2024, 1, 1), 1)).containsExactly(utc(2024, 1, 26));
  }

  // presets as croniter expands them
  @Test
  void quarterlyRunsOnTheFirstOfJanuaryAprilJulyOctober() {
    assertThat(ticks("0 0 1 */3 *", "UTC", utc(2024, 1, 15), 3))
        .containsExactly(utc(2024, 4, 1), utc(2024, 7, 1), utc(2024, 10, 1));
  }

  // apache/airflow#38098: in America/Chicago 02:00 does not exist on 2024-03-10 and 01:00 happens
  // twice on 2024-11-03 (06:00Z CDT and 07:00Z CST).
  @Test
  void chicagoNonExistentAndRepeatedHoursOfIssue38098() {
    // "0 2 * * *": the run of the 10th is at 03:00 CDT = 08:00Z.
    assertThat(ticks("0 2 * * *", "America/Chicago", utc(2024, 3, 9, 12), 2))
        .containsExactly(utc(2024, 3, 10, 8), utc(2024, 3, 11, 7));
    // "0 1 * * *": once, at the second 01:00 (CST, 07:00Z), not at the first (CDT, 06:00Z).
    assertThat(ticks("0 1 * * *", "America/Chicago", utc(2024, 11, 2, 12), 2))
        .containsExactly(utc(2024, 11, 3, 7), utc(2024, 11, 4, 7));
  }

  // apache/airflow#30195: "0 */2 * * *" in America/Toronto on 2023-03-12 (02:00 EST -> 03:00 EDT):
  // 00:00 EST, then 02:00 moves to 03:00 EDT, then 04:00 EDT: no two runs at once, none lost.
  @Test
  void biHourlyInTorontoAcrossTheSpringChangeOfIssue30195() {
    assertThat(ticks("0 */2 * * *", "America/Toronto", utc(2023, 3, 12, 4, 30), 4))
        .containsExactly(
            utc(2023, 3, 12, 5), utc(2023, 3, 12, 7), utc(2023, 3, 12, 8), utc(2023, 3, 12, 10));
  }
}
