package io.processflow.api.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule check the processor and the DSL share: what is accepted and the words of each
 * refusal.
 */
class ScheduleSpecTest {
  private static List<String> problems(
      String schedule, String start, String end, String zone, int runs) {
    return ScheduleSpec.check(schedule, start, end, zone, runs).stream()
        .map(ScheduleSpec.Problem::message)
        .toList();
  }

  private static List<String> problems(String schedule) {
    return problems(schedule, "", "", "UTC", 16);
  }

  /** The one problem of {@code schedule}. */
  private static String problem(String schedule) {
    List<String> problems = problems(schedule);
    assertThat(problems).as(schedule).hasSize(1);
    return problems.get(0);
  }

  @Test
  void whatAirflowAccepts() {
    for (String schedule :
        List.of(
            "",
            "@once",
            "@hourly",
            "@daily",
            "@weekly",
            "@monthly",
            "@quarterly",
            "@yearly",
            "@midnight",
            "@annually",
            "0 6 * * 1-5",
            "*/15 * * * *",
            "0 0 * * 7",
            "0 0 L * *",
            "0 0 15W * *",
            "0 0 * * 5#3",
            "0 0 * * L5",
            "0 0 * * L5,1#2",
            "0 0 1 JAN *",
            "0 0 * * MON-FRI",
            "0 0 ? * 1",
            "PT6H",
            "P1D",
            "PT30M")) {
      assertThat(problems(schedule)).as(schedule).isEmpty();
    }
  }

  @Test
  void aMalformedCronNamesTheParsersReason() {
    assertThat(problem("0 25 * * *"))
        .startsWith("schedule \"0 25 * * *\" is not a valid cron expression: ")
        .contains("25")
        .endsWith(
            "; use "
                + CronSyntax.FORMAT
                + ", a preset such as @daily, or an ISO-8601 duration such as PT6H");
    // test_validate_failure (test_trigger_timetable.py): month 13 is out of range
    assertThat(problem("0 0 1 13 0")).contains("13");
  }

  /**
   * croniter reads the month's last Friday as {@code L5} and refuses {@code 5L}; it refuses a list
   * that mixes weekdays with nth weekdays; and beside a restricted day of month it reads nth
   * weekdays erratically ({@code 1 * 5#1} ticks on first Fridays, {@code 15 * 5#1} finds no date),
   * so that is refused too, rather than ticking otherwise than Airflow.
   */
  @Test
  void nthWeekdaysAsCroniterWritesThem() {
    assertThat(problem("0 0 * * 5L"))
        .contains("'5L', which croniter does not read; it reads the month's last Friday as L5");
    assertThat(problem("0 0 * * 1,L5"))
        .contains("mixes weekdays with nth weekdays (# or L), which croniter refuses");
    assertThat(problem("0 0 1 * 5#1"))
        .contains("the day of month '1' is restricted beside the nth weekday '5#1'")
        .contains("give the day of month as *");
  }

  /** croniter's L and W in the day of month: L also in a list, W alone, of one day. */
  @Test
  void lastDayAndNearestWeekdayAsCroniterReadsThem() {
    assertThat(problem("0 0 LW * *")).contains("has 'LW', which croniter does not read");
    assertThat(problem("0 0 L-3 * *")).contains("has 'L-3', which croniter does not read");
    assertThat(problem("0 0 1W,15W * *")).contains("'W' in a list, which croniter refuses");
    assertThat(problem("0 0 32W * *")).contains("a nearest weekday of day 32");
    assertThat(problem("0 0 15W * 1-5"))
        .contains("'W' beside the restricted day of week '1-5', which croniter ignores");
    assertThat(problems("0 0 1,L * *")).isEmpty();
    assertThat(problems("0 0 15W * ?")).isEmpty();
  }

  @Test
  void onlyFiveFields() {
    assertThat(problems("0 0 * * * *"))
        .containsExactly(
            "schedule \"0 0 * * * *\" is not a valid cron expression: it has 6 fields (croniter's"
                + " seconds and year fields, which Airflow accepts, are not supported); a cron"
                + " expression has "
                + CronSyntax.FORMAT
                + "; use "
                + CronSyntax.FORMAT
                + ", a preset such as @daily, or an ISO-8601 duration such as PT6H");
    assertThat(problem("0 0 * *")).contains("it has 4 fields");
  }

  /**
   * Airflow looks its own presets up by their exact names, then hands the schedule to croniter,
   * which lowercases it: croniter's names work in any case, Airflow's own {@code @quarterly} and
   * {@code @once} only as written.
   */
  @Test
  void croniterNamesInAnyCaseAirflowsOwnOnlyAsWritten() {
    assertThat(ScheduleSpec.of("@DAILY", "", "", "UTC", false, 16).cronExpression())
        .isEqualTo("0 0 * * *");
    assertThat(ScheduleSpec.of("@Hourly", "", "", "UTC", false, 16).cronExpression())
        .isEqualTo("0 * * * *");
    assertThat(ScheduleSpec.of("@ANNUALLY", "", "", "UTC", false, 16).cronExpression())
        .isEqualTo("0 0 1 1 *");
    for (String airflowsOwn : List.of("@QUARTERLY", "@ONCE")) {
      assertThat(problem(airflowsOwn))
          .startsWith("schedule \"" + airflowsOwn + "\" is not a known preset");
    }
  }

  @Test
  void unknownPresetSuggestsTheClosest() {
    assertThat(problems("@dialy"))
        .containsExactly(
            "schedule \"@dialy\" is not a known preset; did you mean \"@daily\"?; the presets are @hourly, @daily,"
                + " @weekly, @monthly, @quarterly, @yearly, @midnight, @annually and @once");
  }

  @Test
  void durationsMustBePositive() {
    assertThat(problem("PT0S")).contains("is not a positive duration");
    assertThat(problem("P1X")).contains("is not an ISO-8601 duration");
  }

  @Test
  void timeZoneDatesAndMaxActiveRuns() {
    assertThat(problems("@daily", "", "", "Europe/Lundon", 16))
        .containsExactly(
            "timezone \"Europe/Lundon\" is not a known time zone; did you mean \"Europe/London\"?; use an IANA id"
                + " such as \"UTC\", \"Europe/London\" or \"America/New_York\"");
    // A slip of case finds its zone, though a short id is too far from it for the edit distance.
    assertThat(problems("@daily", "", "", "utc", 16))
        .singleElement()
        .asString()
        .contains("timezone \"utc\" is not a known time zone; did you mean \"UTC\"?");
    assertThat(problems("@daily", "", "", "europe/paris", 16))
        .singleElement()
        .asString()
        .contains("did you mean \"Europe/Paris\"?");
    assertThat(problems("@daily", "2024-02-30", "", "UTC", 16))
        .containsExactly(
            "startDate \"2024-02-30\" is not a date; use " + ScheduleSpec.DATE_FORMATS);
    assertThat(problems("@daily", "2024-06-01", "2024-01-01", "UTC", 16))
        .containsExactly(
            "endDate \"2024-01-01\" is before startDate \"2024-06-01\"; the end must be at or after the start");
    assertThat(problems("@daily", "", "", "UTC", 0))
        .containsExactly(
            "maxActiveRuns = 0 must be at least 1; leave it out for Airflow's default, 16");
  }

  @Test
  void naiveDatesAreReadInTheDagsTimeZone() {
    ScheduleSpec spec =
        ScheduleSpec.of("@daily", "2024-01-01", "2024-03-31T02:30", "Europe/Amsterdam", true, 1);
    assertThat(spec.start()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
    // 02:30 on 2024-03-31 does not exist in Amsterdam: it moves forward to 03:30 CEST.
    assertThat(spec.end()).isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
    assertThat(ScheduleSpec.of("", "2024-01-01T06:00:00+01:00", "", "UTC", false, 16).start())
        .isEqualTo(Instant.parse("2024-01-01T05:00:00Z"));
    // A repeated local time is its second occurrence, as pendulum's fold=1.
    assertThat(ScheduleSpec.parseDate("2024-10-27T02:30", ZoneId.of("Europe/Amsterdam")))
        .contains(Instant.parse("2024-10-27T01:30:00Z"));
  }

  @Test
  void kindsAndSummaries() {
    assertThat(ScheduleSpec.of("", "", "", "UTC", false, 16).kind())
        .isEqualTo(ScheduleSpec.Kind.NONE);
    assertThat(ScheduleSpec.of("", "", "", "UTC", false, 16).summary()).isEqualTo("None");
    ScheduleSpec daily = ScheduleSpec.of("@daily", "", "", "Europe/London", false, 16);
    assertThat(daily.cronExpression()).isEqualTo("0 0 * * *");
    assertThat(daily.summary()).isEqualTo("@daily (Europe/London)");
    assertThat(ScheduleSpec.of("PT6H", "", "", "UTC", false, 16).delta())
        .isEqualTo(Duration.ofHours(6));
    assertThat(ScheduleSpec.of("@once", "", "", "UTC", false, 16).kind())
        .isEqualTo(ScheduleSpec.Kind.ONCE);
    assertThatThrownBy(() -> ScheduleSpec.of("@dialy", "x", "", "UTC", false, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@dialy")
        .hasMessageContaining("startDate \"x\"")
        .hasMessageContaining("maxActiveRuns = 0");
  }

  @Test
  void theHourFieldCoversEveryHourAsCroniterNormalisesIt() {
    assertThat(CronSyntax.coversEveryHour(CronSyntax.parse("30 * * * *"))).isTrue();
    assertThat(CronSyntax.coversEveryHour(CronSyntax.parse("30 0-23 * * *"))).isTrue();
    assertThat(CronSyntax.coversEveryHour(CronSyntax.parse("30 */1 * * *"))).isTrue();
    assertThat(CronSyntax.coversEveryHour(CronSyntax.parse("30 */2 * * *"))).isFalse();
    assertThat(CronSyntax.coversEveryHour(CronSyntax.parse("30 1 * * *"))).isFalse();
  }
}
