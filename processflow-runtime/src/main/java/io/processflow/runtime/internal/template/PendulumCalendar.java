package io.processflow.runtime.internal.template;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * pendulum's calendar methods of Airflow's date-times ({@link AirflowDateTime}), with Python's
 * {@code isocalendar()} and {@code time()}, on top of Python's {@code datetime} ones: {@code
 * format}, {@code start_of}/{@code end_of}, {@code first_of}/{@code last_of}, the {@code
 * to_..._string()} forms and {@code day_of_week}, {@code week_of_year}, {@code days_in_month},
 * {@code quarter}, as pendulum 3 defines them. Public for the templates' method lookup only; the
 * package is not exported.
 */
public abstract sealed class PendulumCalendar implements PyStrftime permits AirflowDateTime {
  PendulumCalendar() {}

  /** This value as what it is: the class is sealed, and AirflowDateTime its one subclass. */
  private AirflowDateTime self() {
    return (AirflowDateTime) this;
  }

  /** The wall-clock time in the value's zone. */
  abstract LocalDateTime local();

  /** The value's zone's name ({@code UTC}, {@code Europe/Amsterdam}). */
  abstract String zoneName();

  /** {@code time} in the value's zone, keeping its fold (see AirflowDateTime#at). */
  abstract AirflowDateTime with(LocalDateTime time);

  /** {@code time} in the value's zone, resolved with {@code fold}. */
  abstract AirflowDateTime at(LocalDateTime time, int fold);

  /** Fails for Python's own datetime, which has none of pendulum's methods. */
  abstract void requirePendulum(String method);

  /** Python's {@code strftime}. */
  public abstract String strftime(String format);

  /** Python's {@code isoformat()}. */
  public abstract String isoformat();

  /** Python's {@code weekday()}: Monday is 0. */
  public abstract int weekday();

  /** Whether this is pendulum's DateTime (Airflow's), not Python's own datetime. */
  abstract boolean isPendulum();

  /** Python's {@code isocalendar()}: IsoCalendarDate(year, week, weekday), ISO's. */
  public PyIsoCalendarDate isocalendar() {
    return PyIsoCalendarDate.of(local().toLocalDate());
  }

  /**
   * Python's {@code time()}: the wall-clock time, without a zone (pendulum's Time, or Python's).
   */
  public PyTime time() {
    return new PyTime(local().toLocalTime(), isPendulum());
  }

  /** pendulum's {@code format(fmt)} with its tokens ({@code YYYY-MM-DD HH:mm:ss}), in English. */
  public String format(String format) {
    requirePendulum("format");
    return PendulumFormat.format(self(), format);
  }

  /** pendulum's {@code to_date_string()}: {@code 2024-01-31}. */
  public String to_date_string() {
    return strftime("%Y-%m-%d");
  }

  /** pendulum's {@code to_datetime_string()}: {@code 2024-01-31 00:00:00}. */
  public String to_datetime_string() {
    return strftime("%Y-%m-%d %H:%M:%S");
  }

  /** pendulum's {@code to_time_string()}: {@code 00:00:00}. */
  public String to_time_string() {
    requirePendulum("to_time_string");
    return strftime("%H:%M:%S");
  }

  /**
   * pendulum's {@code to_iso8601_string()}: the isoformat, with {@code Z} for pendulum's UTC zone.
   */
  public String to_iso8601_string() {
    requirePendulum("to_iso8601_string");
    String text = isoformat();
    return zoneName().equals("UTC") && text.endsWith("+00:00")
        ? text.substring(0, text.length() - 6) + "Z"
        : text;
  }

  /** pendulum's {@code is_leap_year()}. */
  public boolean is_leap_year() {
    requirePendulum("is_leap_year");
    return Year.isLeap(local().getYear());
  }

  /**
   * pendulum's {@code start_of(unit)}: the first instant of the {@code second}, {@code minute},
   * {@code hour}, {@code day}, {@code week} (from Monday), {@code month}, {@code year}, {@code
   * decade} or {@code century} this date-time is in, in its zone.
   */
  public AirflowDateTime start_of(String unit) {
    requirePendulum("start_of");
    LocalDateTime local = local();
    LocalDateTime day = local.truncatedTo(ChronoUnit.DAYS);
    int year = local.getYear();
    return switch (unit) {
      case "second" -> with(local.truncatedTo(ChronoUnit.SECONDS));
      case "minute" -> with(local.truncatedTo(ChronoUnit.MINUTES));
      case "hour" -> with(local.truncatedTo(ChronoUnit.HOURS));
      case "day" -> with(day);
      case "week" ->
          local.getDayOfWeek() == DayOfWeek.MONDAY
              ? with(day)
              : at(day.with(TemporalAdjusters.previous(DayOfWeek.MONDAY)), 1);
      case "month" -> with(day.withDayOfMonth(1));
      case "year" -> with(day.withDayOfYear(1));
      case "decade" -> with(LocalDate.of(year - Math.floorMod(year, 10), 1, 1).atStartOfDay());
      case "century" ->
          with(LocalDate.of(year - 1 - Math.floorMod(year - 1, 100) + 1, 1, 1).atStartOfDay());
      default -> throw invalidUnit("start_of", unit);
    };
  }

  /**
   * pendulum's {@code end_of(unit)}: the last microsecond ({@code 23:59:59.999999} for a day) of
   * the {@link #start_of} units; a week ends on Sunday.
   */
  public AirflowDateTime end_of(String unit) {
    requirePendulum("end_of");
    LocalDateTime local = local();
    LocalDateTime day = local.truncatedTo(ChronoUnit.DAYS);
    int year = local.getYear();
    return switch (unit) {
      case "second" -> with(local.withNano(999_999_000));
      case "minute" -> with(local.withSecond(59).withNano(999_999_000));
      case "hour" -> with(local.withMinute(59).withSecond(59).withNano(999_999_000));
      case "day" -> with(endOfDay(day));
      case "week" ->
          local.getDayOfWeek() == DayOfWeek.SUNDAY
              ? with(endOfDay(day))
              : at(endOfDay(day.with(TemporalAdjusters.next(DayOfWeek.SUNDAY))), 1);
      case "month" -> with(endOfDay(day.with(TemporalAdjusters.lastDayOfMonth())));
      case "year" -> with(endOfDay(day.withMonth(12).withDayOfMonth(31)));
      case "decade" ->
          with(endOfDay(LocalDate.of(year - Math.floorMod(year, 10) + 9, 12, 31).atStartOfDay()));
      case "century" ->
          with(
              endOfDay(
                  LocalDate.of(year - 1 - Math.floorMod(year - 1, 100) + 100, 12, 31)
                      .atStartOfDay()));
      default -> throw invalidUnit("end_of", unit);
    };
  }

  private static LocalDateTime endOfDay(LocalDateTime day) {
    return day.withHour(23).withMinute(59).withSecond(59).withNano(999_999_000);
  }

  /**
   * pendulum's {@code first_of(unit)} for {@code month}, {@code quarter} and {@code year}: the
   * start of the unit's first day.
   */
  public AirflowDateTime first_of(String unit) {
    requirePendulum("first_of");
    LocalDateTime local = local();
    return switch (unit) {
      case "month" -> firstOfMonth(self());
      case "quarter" -> firstOfMonth(with(local.withDayOfMonth(1).withMonth(getQuarter() * 3 - 2)));
      case "year" -> firstOfMonth(with(local.withMonth(1)));
      default -> throw invalidPeriod("first_of", unit);
    };
  }

  /**
   * pendulum's {@code last_of(unit)} for {@code month}, {@code quarter} and {@code year}: the start
   * (00:00) of the unit's last day.
   */
  public AirflowDateTime last_of(String unit) {
    requirePendulum("last_of");
    LocalDateTime local = local();
    return switch (unit) {
      case "month" -> lastOfMonth(self());
      case "quarter" -> lastOfMonth(with(local.withDayOfMonth(1).withMonth(getQuarter() * 3)));
      case "year" -> lastOfMonth(with(local.withMonth(12)));
      default -> throw invalidPeriod("last_of", unit);
    };
  }

  /**
   * In pendulum's order: the start of {@code time}'s day first, then its day of the month set, so
   * where that day starts at 23:00 the day before (a daylight-saving change at midnight, as in
   * America/Santiago) the result keeps 23:00.
   */
  private static AirflowDateTime firstOfMonth(AirflowDateTime time) {
    AirflowDateTime day = time.start_of("day");
    return day.with(day.local().withDayOfMonth(1));
  }

  private static AirflowDateTime lastOfMonth(AirflowDateTime time) {
    AirflowDateTime day = time.start_of("day");
    try {
      return day.with(day.local().withDayOfMonth(time.local().toLocalDate().lengthOfMonth()));
    } catch (DateTimeException e) {
      throw PyException.valueError("day is out of range for month");
    }
  }

  private static PyException invalidUnit(String method, String unit) {
    return PyException.valueError(
        "Invalid unit \""
            + unit
            + "\" for "
            + method
            + "(): use second, minute, hour, day, week, month, year, decade or century");
  }

  private static PyException invalidPeriod(String method, String unit) {
    return PyException.valueError(
        "Invalid unit \"" + unit + "\" for " + method + "(): use month, quarter or year");
  }

  /**
   * pendulum 3's {@code day_of_week}: Monday is 0, Sunday 6 (its {@code WeekDay} enum, which prints
   * as the number on Python 3.11 and later). pendulum 2 numbered Sunday 0.
   */
  public int getDayOfWeek() {
    requirePendulum("day_of_week");
    return weekday();
  }

  /** pendulum's {@code week_of_year}: the ISO week. */
  public int getWeekOfYear() {
    requirePendulum("week_of_year");
    return local().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  /** pendulum's {@code days_in_month}. */
  public int getDaysInMonth() {
    requirePendulum("days_in_month");
    return local().toLocalDate().lengthOfMonth();
  }

  /** pendulum's {@code quarter}: 1 to 4. */
  public int getQuarter() {
    requirePendulum("quarter");
    return (local().getMonthValue() + 2) / 3;
  }
}
