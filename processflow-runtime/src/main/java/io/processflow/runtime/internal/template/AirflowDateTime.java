package io.processflow.runtime.internal.template;

import com.fasterxml.jackson.annotation.JsonValue;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Objects;

/**
 * A date-time in templates ({@code logical_date}, {@code data_interval_start}, ...), printed the
 * way Airflow's pendulum DateTime prints: {@code {{ logical_date }}} is {@code 2024-01-31
 * 00:00:00+00:00}, {@code isoformat()} is {@code 2024-01-31T00:00:00+00:00}, {@code
 * strftime('%d/%m/%Y')} takes Python's directives, and {@code tojson} writes the isoformat.
 *
 * <p>Properties: {@code year}, {@code month}, {@code day}, {@code hour}, {@code minute}, {@code
 * second}, {@code microsecond}, {@code int_timestamp}, {@code day_of_year}. Methods: Python's
 * {@code weekday()}, {@code isoweekday()}, {@code date()}, {@code replace(day=1)}, {@code
 * timestamp()}, and pendulum's {@code add(days=1)}, {@code subtract(...)}, {@code
 * to_date_string()}, {@code to_datetime_string()}, {@code start_of('month')}; adding or subtracting
 * a {@code macros.timedelta} gives a date-time, subtracting a date-time a timedelta. Always UTC;
 * {@code macros.datetime(...)} makes naive ones, which print without an offset.
 */
public final class AirflowDateTime implements PyishSerializable, Comparable<AirflowDateTime> {
  private final Instant instant;
  private final LocalDateTime utc;
  private final boolean naive;

  private AirflowDateTime(Instant instant, boolean naive) {
    this.instant = AirflowDates.truncate(instant);
    this.utc = LocalDateTime.ofInstant(this.instant, ZoneOffset.UTC);
    this.naive = naive;
  }

  public static AirflowDateTime of(Instant instant) {
    return new AirflowDateTime(Objects.requireNonNull(instant, "instant"), false);
  }

  /**
   * Python's naive {@code datetime} (no time zone), as {@code macros.datetime(2024, 1, 1)} makes.
   */
  static AirflowDateTime naive(LocalDateTime time) {
    return new AirflowDateTime(time.toInstant(ZoneOffset.UTC), true);
  }

  private AirflowDateTime with(LocalDateTime time) {
    return new AirflowDateTime(time.toInstant(ZoneOffset.UTC), naive);
  }

  boolean isNaive() {
    return naive;
  }

  LocalDateTime local() {
    return utc;
  }

  /** Python's {@code weekday()}: Monday is 0. */
  public int weekday() {
    return utc.getDayOfWeek().getValue() - 1;
  }

  /** Python's {@code isoweekday()}: Monday is 1. */
  public int isoweekday() {
    return utc.getDayOfWeek().getValue();
  }

  /** Python's {@code isocalendar()}: (ISO year, ISO week, ISO weekday). */
  public PyTuple isocalendar() {
    return PyTuple.of(
        (long) utc.get(IsoFields.WEEK_BASED_YEAR),
        (long) utc.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
        (long) isoweekday());
  }

  /** Python's {@code date()}: prints {@code 2024-01-31}. */
  public PyDate date() {
    return new PyDate(utc.toLocalDate(), !naive);
  }

  /**
   * Python's {@code replace(year=, month=, day=, hour=, minute=, second=, microsecond=, tzinfo=)};
   * {@code tzinfo=None} makes it naive (it then prints without {@code +00:00}).
   */
  public AirflowDateTime replace(Object... arguments) {
    PyArguments args =
        new PyArguments("replace", arguments)
            .check(8, "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo");
    Object zone = args.get(7, "tzinfo", this);
    boolean naiveAfter = zone == this ? naive : zone == null || zone == PyNone.NONE;
    try {
      LocalDateTime replaced =
          LocalDateTime.of(
              (int) args.getLong(0, "year", utc.getYear()),
              (int) args.getLong(1, "month", utc.getMonthValue()),
              (int) args.getLong(2, "day", utc.getDayOfMonth()),
              (int) args.getLong(3, "hour", utc.getHour()),
              (int) args.getLong(4, "minute", utc.getMinute()),
              (int) args.getLong(5, "second", utc.getSecond()),
              (int) args.getLong(6, "microsecond", getMicrosecond()) * 1000);
      return new AirflowDateTime(replaced.toInstant(ZoneOffset.UTC), naiveAfter);
    } catch (DateTimeException e) {
      throw PyException.valueError(e.getMessage());
    }
  }

  /**
   * pendulum's {@code add(years=, months=, weeks=, days=, hours=, minutes=, seconds=,
   * microseconds=)}.
   */
  public AirflowDateTime add(Object... arguments) {
    return shift(1, new PyArguments("add", arguments));
  }

  /** pendulum's {@code subtract(...)}, with {@link #add}'s arguments. */
  public AirflowDateTime subtract(Object... arguments) {
    return shift(-1, new PyArguments("subtract", arguments));
  }

  private AirflowDateTime shift(int sign, PyArguments args) {
    args.check(
        0, "years", "months", "weeks", "days", "hours", "minutes", "seconds", "microseconds");
    LocalDateTime time =
        utc.plusYears(sign * args.getLong(-1, "years", 0))
            .plusMonths(sign * args.getLong(-1, "months", 0));
    PyTimedelta delta =
        PyTimedelta.of(
            new NamedParameter("weeks", args.getDouble(-1, "weeks", 0)),
            new NamedParameter("days", args.getDouble(-1, "days", 0)),
            new NamedParameter("hours", args.getDouble(-1, "hours", 0)),
            new NamedParameter("minutes", args.getDouble(-1, "minutes", 0)),
            new NamedParameter("seconds", args.getDouble(-1, "seconds", 0)),
            new NamedParameter("microseconds", args.getDouble(-1, "microseconds", 0)));
    return with(time).plus(sign < 0 ? delta.negate() : delta);
  }

  /** This date-time moved by {@code delta}. */
  AirflowDateTime plus(PyTimedelta delta) {
    return with(utc.plus(delta.toDuration()));
  }

  /** The timedelta from {@code other} to this date-time. */
  PyTimedelta minus(AirflowDateTime other) {
    if (naive != other.naive) {
      throw PyException.typeError("can't subtract offset-naive and offset-aware datetimes");
    }
    return new PyTimedelta(ChronoUnit.MICROS.between(other.utc, utc));
  }

  /** pendulum's {@code to_date_string()}: {@code 2024-01-31}. */
  public String to_date_string() {
    return strftime("%Y-%m-%d");
  }

  /** pendulum's {@code to_datetime_string()}: {@code 2024-01-31 00:00:00}. */
  public String to_datetime_string() {
    return strftime("%Y-%m-%d %H:%M:%S");
  }

  /** pendulum's {@code start_of(unit)} for {@code day}, {@code month} and {@code year}. */
  public AirflowDateTime start_of(String unit) {
    LocalDateTime day = utc.truncatedTo(ChronoUnit.DAYS);
    return switch (unit) {
      case "day" -> with(day);
      case "month" -> with(day.withDayOfMonth(1));
      case "year" -> with(day.withDayOfYear(1));
      default ->
          throw PyException.valueError(
              "start_of() takes 'day', 'month' or 'year'; got '" + unit + "'");
    };
  }

  public long getIntTimestamp() {
    return instant.getEpochSecond();
  }

  public int getDayOfYear() {
    return utc.getDayOfYear();
  }

  /** The instant, for Java code (templates use the Airflow-style methods). */
  public Instant toInstant() {
    return instant;
  }

  public int getYear() {
    return utc.getYear();
  }

  public int getMonth() {
    return utc.getMonthValue();
  }

  public int getDay() {
    return utc.getDayOfMonth();
  }

  public int getHour() {
    return utc.getHour();
  }

  public int getMinute() {
    return utc.getMinute();
  }

  public int getSecond() {
    return utc.getSecond();
  }

  public int getMicrosecond() {
    return utc.getNano() / 1000;
  }

  /** Python's {@code isoformat()}: {@code 2024-01-31T00:00:00+00:00}. */
  @JsonValue
  public String isoformat() {
    return naive
        ? AirflowDates.isoformat(instant, 'T').replace("+00:00", "")
        : AirflowDates.ts(instant);
  }

  /** Python's {@code strftime}, e.g. {@code strftime('%Y%m%d')}. */
  public String strftime(String format) {
    return naive ? PyDateFormat.formatNaive(utc, format) : PyDateFormat.format(utc, format);
  }

  /** Seconds since the epoch, as Python's {@code timestamp()}. */
  public double timestamp() {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  /** Python's {@code str(datetime)}: {@code 2024-01-31 00:00:00+00:00}. */
  @Override
  public String toString() {
    String text = AirflowDates.isoformat(instant, ' ');
    return naive ? text.replace("+00:00", "") : text;
  }

  /**
   * Python's {@code repr()}, how it prints inside a list or a dict: pendulum's {@code
   * DateTime(2024, 1, 31, 0, 0, 0, tzinfo=Timezone('UTC'))} for Airflow's aware date-times, the
   * standard {@code datetime.datetime(2024, 1, 1, 0, 0)} for a naive one (which omits a zero
   * second).
   */
  String repr() {
    StringBuilder out = new StringBuilder(naive ? "datetime.datetime(" : "DateTime(");
    out.append(utc.getYear()).append(", ").append(utc.getMonthValue()).append(", ");
    out.append(utc.getDayOfMonth()).append(", ").append(utc.getHour()).append(", ");
    out.append(utc.getMinute());
    int micros = getMicrosecond();
    if (!naive || utc.getSecond() != 0 || micros != 0) {
      out.append(", ").append(utc.getSecond());
    }
    if (micros != 0) {
      out.append(", ").append(micros);
    }
    return out.append(naive ? ")" : ", tzinfo=Timezone('UTC'))").toString();
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }

  @Override
  public int compareTo(AirflowDateTime other) {
    if (naive != other.naive) {
      throw PyException.typeError("can't compare offset-naive and offset-aware datetimes");
    }
    return instant.compareTo(other.instant);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AirflowDateTime other
        && instant.equals(other.instant)
        && naive == other.naive;
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }
}
