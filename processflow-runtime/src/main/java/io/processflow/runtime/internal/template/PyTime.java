package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.LocalTime;
import java.util.Locale;

/**
 * Python's {@code datetime.time}, as {@code logical_date.time()} returns it (without a zone):
 * prints {@code 00:00:00} ({@code .ffffff} when microseconds are not zero); {@code hour}, {@code
 * minute}, {@code second}, {@code microsecond}, {@code isoformat()}, {@code strftime()}.
 */
public final class PyTime implements PyishSerializable, Comparable<PyTime>, PyStrftime {
  private final LocalTime time;
  private final boolean pendulum;

  /** {@code pendulum}: pendulum's Time (of Airflow's date-times), which prints Time(0, 0, 0). */
  PyTime(LocalTime time, boolean pendulum) {
    this.time = time;
    this.pendulum = pendulum;
  }

  public int getHour() {
    return time.getHour();
  }

  public int getMinute() {
    return time.getMinute();
  }

  public int getSecond() {
    return time.getSecond();
  }

  public int getMicrosecond() {
    return time.getNano() / 1000;
  }

  /** A time of a date-time has no zone: None, as Python's {@code time().tzinfo}. */
  public Object getTzinfo() {
    return PyNone.NONE;
  }

  /** None: the time has no zone. */
  public Object utcoffset() {
    return PyNone.NONE;
  }

  /** None: the time has no zone. */
  public Object tzname() {
    return PyNone.NONE;
  }

  /** None: the time has no zone. */
  public Object dst() {
    return PyNone.NONE;
  }

  /** Python's {@code fold}: 0, a time of no repeated hour. */
  public int getFold() {
    return 0;
  }

  /** Python's {@code replace(hour=, minute=, second=, microsecond=)}. */
  public PyTime replace(Object... arguments) {
    PyArguments args =
        new PyArguments("replace", arguments).check(4, "hour", "minute", "second", "microsecond");
    long hour = args.getLong(0, "hour", getHour());
    long minute = args.getLong(1, "minute", getMinute());
    long second = args.getLong(2, "second", getSecond());
    long micros = args.getLong(3, "microsecond", getMicrosecond());
    requireIn("hour", hour, 23);
    requireIn("minute", minute, 59);
    requireIn("second", second, 59);
    requireIn("microsecond", micros, 999_999);
    return new PyTime(
        LocalTime.of((int) hour, (int) minute, (int) second, (int) micros * 1000), pendulum);
  }

  /** Python's ValueError for a field of {@code replace} outside {@code 0..max}. */
  private static void requireIn(String field, long value, long max) {
    if (value < 0 || value > max) {
      throw PyException.valueError(field + " must be in 0.." + max);
    }
  }

  /** Python's type name: pendulum's {@code Time}, or {@code time}. */
  String pythonType() {
    return pendulum ? "Time" : "time";
  }

  @Override
  public String isoformat() {
    return toString();
  }

  /** Python's {@code isoformat(timespec='auto')}. */
  public String isoformat(Object... arguments) {
    PyArguments args = new PyArguments("isoformat", arguments).check(1, "timespec");
    return IsoTimespec.format(time, PyValues.str(args.get(0, "timespec", "auto")));
  }

  public String strftime(String format) {
    return PyDateFormat.formatNaive(time.atDate(java.time.LocalDate.of(1900, 1, 1)), format);
  }

  /**
   * Python's {@code repr()}: {@code datetime.time(0, 0)}, {@code datetime.time(10, 20, 30, 5)};
   * pendulum's Time always shows its seconds, {@code Time(0, 0, 0)}.
   */
  String repr() {
    StringBuilder out =
        new StringBuilder(pendulum ? "Time(" : "datetime.time(")
            .append(getHour())
            .append(", ")
            .append(getMinute());
    if (pendulum || getSecond() != 0 || getMicrosecond() != 0) {
      out.append(", ").append(getSecond());
    }
    if (getMicrosecond() != 0) {
      out.append(", ").append(getMicrosecond());
    }
    return out.append(')').toString();
  }

  @Override
  public String toString() {
    return IsoTimespec.format(time, "auto");
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }

  @Override
  public int compareTo(PyTime other) {
    return time.compareTo(other.time);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyTime other && time.equals(other.time);
  }

  @Override
  public int hashCode() {
    return time.hashCode();
  }

  /** Python's {@code timespec} of {@code isoformat}: how much of the time it writes. */
  static final class IsoTimespec {
    private IsoTimespec() {}

    /** {@code isoformat}'s {@code sep}: one character (markup is a str), as Python requires. */
    static String separator(Object sep) {
      if (!(sep instanceof CharSequence) && !(sep instanceof SafeString)) {
        throw PyException.typeError(
            "isoformat() argument 1 must be a unicode character, not " + PyValues.typeName(sep));
      }
      String text = sep.toString();
      int length = text.codePointCount(0, text.length());
      if (length != 1) {
        throw PyException.typeError(
            "isoformat() argument 1 must be a unicode character, not str of length " + length);
      }
      return text;
    }

    /** {@code time} (its microseconds: finer digits are dropped) as {@code timespec} says. */
    static String format(LocalTime time, String timespec) {
      int micros = time.getNano() / 1000;
      String hours = String.format(Locale.ROOT, "%02d", time.getHour());
      String minutes = hours + String.format(Locale.ROOT, ":%02d", time.getMinute());
      String seconds = minutes + String.format(Locale.ROOT, ":%02d", time.getSecond());
      return switch (timespec) {
        case "auto" ->
            micros == 0 ? seconds : seconds + String.format(Locale.ROOT, ".%06d", micros);
        case "hours" -> hours;
        case "minutes" -> minutes;
        case "seconds" -> seconds;
        case "milliseconds" -> seconds + String.format(Locale.ROOT, ".%03d", micros / 1000);
        case "microseconds" -> seconds + String.format(Locale.ROOT, ".%06d", micros);
        default -> throw PyException.valueError("Unknown timespec value");
      };
    }
  }
}
