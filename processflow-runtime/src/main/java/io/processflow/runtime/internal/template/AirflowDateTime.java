package io.processflow.runtime.internal.template;

import com.fasterxml.jackson.annotation.JsonValue;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
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
 * a {@code macros.timedelta} gives a date-time, subtracting a date-time a timedelta. UTC unless
 * moved with {@code in_timezone}; {@code macros.datetime(...)} makes Python's naive ones, which
 * print without an offset and have none of pendulum's methods.
 */
public final class AirflowDateTime extends PendulumCalendar
    implements PyishSerializable, Comparable<AirflowDateTime> {
  private final Instant instant;
  private final PendulumZone zone;
  private final LocalDateTime local;
  private final boolean naive;

  /**
   * Python's own {@code datetime} ({@code macros.datetime(...)}), which has none of pendulum's
   * methods and prints as {@code datetime.datetime(...)} in a list; false for pendulum's
   * date-times, naive ones ({@code naive()}, {@code replace(tzinfo=None)}) included.
   */
  private final boolean plain;

  /**
   * Python's {@code fold} as pendulum 3 keeps it: 1 for the second of two equal wall-clock times
   * after a conversion ({@code in_timezone}, adding hours); 1 after {@code add(days=...)}, whose
   * {@code DateTime.create} defaults to it; kept by {@code replace} and {@code start_of}. It
   * decides how a later wall-clock change resolves a skipped or repeated time.
   */
  private final int fold;

  private AirflowDateTime(
      Instant instant, PendulumZone zone, boolean naive, boolean plain, int fold) {
    this.instant = AirflowDates.truncate(instant);
    this.zone = zone;
    this.local = LocalDateTime.ofInstant(this.instant, zone.id());
    int utcYear = LocalDateTime.ofInstant(this.instant, ZoneOffset.UTC).getYear();
    if (local.getYear() < 1
        || local.getYear() > 9999
        || !naive && (utcYear < 1 || utcYear > 9999)) {
      // Python's datetime holds years 1 to 9999; past them it raises instead of printing +10024.
      throw new PyException("OverflowError", "date value out of range (years 1 to 9999)");
    }
    this.naive = naive;
    this.plain = plain;
    this.fold = fold;
  }

  /** {@code instant} in {@code zone}, with the fold Python's conversion gives it. */
  private AirflowDateTime converted(Instant instant, PendulumZone zone) {
    AirflowDateTime time = new AirflowDateTime(instant, zone, naive, plain, 0);
    if (naive) {
      return time;
    }
    List<ZoneOffset> offsets = zone.id().getRules().getValidOffsets(time.local);
    boolean second = offsets.size() == 2 && offsets.get(1).equals(time.offset());
    return second ? new AirflowDateTime(instant, zone, false, plain, 1) : time;
  }

  public static AirflowDateTime of(Instant instant) {
    return new AirflowDateTime(
        Objects.requireNonNull(instant, "instant"), PendulumZone.UTC, false, false, 0);
  }

  /**
   * Python's naive {@code datetime} (no time zone), as {@code macros.datetime(2024, 1, 1)} makes.
   */
  static AirflowDateTime naive(LocalDateTime time) {
    return new AirflowDateTime(time.toInstant(ZoneOffset.UTC), PendulumZone.UTC, true, true, 0);
  }

  /** A naive date-time of this kind (pendulum's or Python's own) at {@code time}. */
  private AirflowDateTime naiveAt(LocalDateTime time) {
    return new AirflowDateTime(time.toInstant(ZoneOffset.UTC), PendulumZone.UTC, true, plain, 0);
  }

  /**
   * {@code time} in this date-time's zone, resolved as pendulum 3 resolves a wall-clock time
   * ({@code Timezone.convert} of a naive datetime): a time the zone skips moves forward by the gap
   * when {@code fold} is 1 and back when it is 0; a time it repeats is the first one when {@code
   * fold} is 0, the second when it is 1.
   */
  @Override
  AirflowDateTime at(LocalDateTime time, int fold) {
    return naive ? naiveAt(time) : at(time, zone, fold);
  }

  private AirflowDateTime at(LocalDateTime time, PendulumZone in, int fold) {
    ZoneRules rules = in.id().getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(time);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(time);
      LocalDateTime moved =
          fold == 1 ? time.plus(gap.getDuration()) : time.minus(gap.getDuration());
      return at(moved, in, fold);
    }
    ZoneOffset offset = offsets.get(fold == 1 ? offsets.size() - 1 : 0);
    return new AirflowDateTime(time.toInstant(offset), in, false, plain, fold);
  }

  private ZoneOffset offset() {
    return zone.id().getRules().getOffset(instant);
  }

  @Override
  AirflowDateTime with(LocalDateTime time) {
    return at(time, fold);
  }

  @Override
  String zoneName() {
    return zone.name();
  }

  boolean isNaive() {
    return naive;
  }

  @Override
  LocalDateTime local() {
    return local;
  }

  /** Python's {@code weekday()}: Monday is 0. */
  public int weekday() {
    return local.getDayOfWeek().getValue() - 1;
  }

  /** Python's {@code isoweekday()}: Monday is 1. */
  public int isoweekday() {
    return local.getDayOfWeek().getValue();
  }

  /** Python's {@code utcoffset()}: a timedelta, or None for a naive date-time. */
  public Object utcoffset() {
    return naive ? PyNone.NONE : new PyTimedelta(offset().getTotalSeconds() * 1_000_000L);
  }

  /** Python's {@code tzname()}: {@code UTC}, {@code CET}, {@code IST}; None when naive. */
  public Object tzname() {
    return naive ? PyNone.NONE : abbreviation();
  }

  @Override
  boolean isPendulum() {
    return !plain;
  }

  /** Python's {@code date()}: prints {@code 2024-01-31}. */
  public PyDate date() {
    return new PyDate(local.toLocalDate(), !plain);
  }

  /**
   * Python's {@code replace(year=, month=, day=, hour=, minute=, second=, microsecond=, tzinfo=)};
   * {@code tzinfo=None} makes it naive (it then prints without an offset). In a zone, the new
   * wall-clock time keeps this date-time's fold, as pendulum 3's {@code replace} does.
   */
  public AirflowDateTime replace(Object... arguments) {
    PyArguments args =
        new PyArguments("replace", arguments)
            .check(8, "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo");
    Object tzinfo = args.get(7, "tzinfo", this);
    boolean naiveAfter = tzinfo == this ? naive : tzinfo == null || tzinfo == PyNone.NONE;
    LocalDateTime replaced =
        PyDateFormat.localOf(
            args.getLong(0, "year", local.getYear()),
            args.getLong(1, "month", local.getMonthValue()),
            args.getLong(2, "day", local.getDayOfMonth()),
            args.getLong(3, "hour", local.getHour()),
            args.getLong(4, "minute", local.getMinute()),
            args.getLong(5, "second", local.getSecond()),
            args.getLong(6, "microsecond", getMicrosecond()));
    if (naiveAfter) {
      return naiveAt(replaced);
    }
    return naive
        ? new AirflowDateTime(replaced.toInstant(ZoneOffset.UTC), zone, false, plain, 0)
        : with(replaced);
  }

  /**
   * pendulum's {@code add(years=, months=, weeks=, days=, hours=, minutes=, seconds=,
   * microseconds=)}: with years, months, weeks or days the wall-clock time moves (and a repeated
   * time resolves to the second one), otherwise the instant, as in pendulum 3.
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
    long years = args.getLong(-1, "years", 0);
    long months = args.getLong(-1, "months", 0);
    double weeks = args.getDouble(-1, "weeks", 0);
    double days = args.getDouble(-1, "days", 0);
    PyTimedelta delta =
        PyTimedelta.of(
            new NamedParameter("weeks", weeks),
            new NamedParameter("days", days),
            new NamedParameter("hours", args.getDouble(-1, "hours", 0)),
            new NamedParameter("minutes", args.getDouble(-1, "minutes", 0)),
            new NamedParameter("seconds", args.getDouble(-1, "seconds", 0)),
            new NamedParameter("microseconds", args.getDouble(-1, "microseconds", 0)));
    if (sign < 0) {
      delta = delta.negate();
    }
    if (years == 0 && months == 0 && weeks == 0 && days == 0) {
      return plus(delta);
    }
    LocalDateTime time =
        // One clamp of the day, as pendulum's add_duration: 2024-02-29 plus a year and a month is
        // 2025-03-29, not 2025-03-28.
        local
            .plusMonths(sign * Math.addExact(Math.multiplyExact(years, 12), months))
            .plus(delta.toDuration());
    return at(time, 1);
  }

  /** This date-time moved by {@code delta}: the instant moves, as pendulum 3's {@code +}. */
  AirflowDateTime plus(PyTimedelta delta) {
    return converted(instant.plus(delta.toDuration()), zone);
  }

  /** The timedelta from {@code other} to this date-time. */
  PyTimedelta minus(AirflowDateTime other) {
    if (naive != other.naive) {
      throw PyException.typeError("can't subtract offset-naive and offset-aware datetimes");
    }
    // pendulum 3's DateTime.__sub__ and __rsub__: an Interval when either side is pendulum's.
    return plain && other.plain
        ? new PyTimedelta(PendulumInterval.microsBetween(other.instant, instant))
        : new PendulumInterval(other, this);
  }

  /**
   * pendulum's {@code in_timezone(name)}: the same instant in the IANA zone {@code name} (or {@code
   * 'UTC'}); it prints, formats and gives {@code hour}, {@code day}, ... there.
   */
  public AirflowDateTime in_timezone(String name) {
    requirePendulum("in_timezone");
    PendulumZone target = PendulumZone.of(name);
    // pendulum 3 reads a naive date-time's wall-clock time in the zone, with fold 1.
    return naive ? at(local, target, 1) : converted(instant, target);
  }

  /** pendulum's {@code naive()}: the wall-clock time without its zone. */
  public AirflowDateTime naive() {
    requirePendulum("naive");
    return naiveAt(local);
  }

  /** pendulum's {@code in_tz(name)}: {@link #in_timezone}. */
  public AirflowDateTime in_tz(String name) {
    requirePendulum("in_tz");
    return in_timezone(name);
  }

  /** pendulum's {@code timezone_name}: {@code UTC}, {@code Europe/Amsterdam}. */
  public Object getTimezoneName() {
    requirePendulum("timezone_name");
    return naive ? PyNone.NONE : zone.name();
  }

  /** pendulum's {@code offset}: seconds east of UTC ({@code 3600} in Amsterdam in winter). */
  public Object getOffset() {
    requirePendulum("offset");
    return naive ? PyNone.NONE : (Object) (long) offset().getTotalSeconds();
  }

  /**
   * pendulum's {@code diff(dt, abs=True)}: the {@link PendulumInterval} from this date-time to
   * {@code dt} ({@code in_days()}, {@code in_hours()}, ...); with {@code abs} true (the default) it
   * runs from the earlier to the later. pendulum's {@code diff()} without {@code dt} (from now) is
   * refused: a template's output must not depend on when it renders.
   */
  public PendulumInterval diff(Object... arguments) {
    requirePendulum("diff");
    PyArguments args = new PyArguments("diff", arguments).check(2, "dt", "abs");
    Object other = args.get(0, "dt", null);
    if (!(other instanceof AirflowDateTime end)) {
      throw PyException.typeError(
          "diff() needs another of Airflow's date-times, such as diff(data_interval_start); got "
              + (other == null || other == PyNone.NONE ? "none" : "'" + other + "'"));
    }
    // pendulum makes Python's own datetime aware (UTC) first, so it never meets a naive one.
    if (naive != end.naive || end.plain) {
      throw PyException.typeError("can't compare offset-naive and offset-aware datetimes");
    }
    boolean absolute = PyValues.truth(args.get(1, "abs", Boolean.TRUE));
    return absolute && compareTo(end) > 0
        ? new PendulumInterval(end, this)
        : new PendulumInterval(this, end);
  }

  /**
   * A naive date-time here is Python's {@code datetime} ({@code macros.datetime(...)}), which has
   * none of pendulum's methods.
   */
  @Override
  void requirePendulum(String method) {
    if (plain) {
      throw PyException.typeError(
          "'datetime.datetime' object has no attribute '"
              + method
              + "': only Airflow's date-times (logical_date, data_interval_start, ...) are"
              + " pendulum DateTimes");
    }
  }

  public long getIntTimestamp() {
    return instant.getEpochSecond();
  }

  public int getDayOfYear() {
    return local.getDayOfYear();
  }

  /** The instant, for Java code (templates use the Airflow-style methods). */
  public Instant toInstant() {
    return instant;
  }

  public int getYear() {
    return local.getYear();
  }

  public int getMonth() {
    return local.getMonthValue();
  }

  public int getDay() {
    return local.getDayOfMonth();
  }

  public int getHour() {
    return local.getHour();
  }

  public int getMinute() {
    return local.getMinute();
  }

  public int getSecond() {
    return local.getSecond();
  }

  public int getMicrosecond() {
    return local.getNano() / 1000;
  }

  /** Python's {@code isoformat()}: {@code 2024-01-31T00:00:00+00:00}. */
  @JsonValue
  public String isoformat() {
    return isoformat("T", "auto");
  }

  /** Python's {@code isoformat(sep='T', timespec='auto')}. */
  public String isoformat(Object... arguments) {
    PyArguments args = new PyArguments("isoformat", arguments).check(2, "sep", "timespec");
    return isoformat(
        PyTime.IsoTimespec.separator(args.get(0, "sep", "T")),
        PyValues.str(args.get(1, "timespec", "auto")));
  }

  private String isoformat(String separator, String timespec) {
    String text =
        String.format(Locale.ROOT, "%04d-%02d-%02d", getYear(), getMonth(), getDay())
            + separator
            + PyTime.IsoTimespec.format(local.toLocalTime(), timespec);
    return naive ? text : text + PyDateFormat.pythonOffset(offset(), ":");
  }

  /**
   * Python's {@code strftime}, e.g. {@code strftime('%Y%m%d')}; {@code %Z} is the zone's
   * abbreviation.
   */
  public String strftime(String format) {
    if (naive) {
      return PyDateFormat.formatNaive(local, format);
    }
    return PyDateFormat.format(local, offset(), () -> abbreviation(), format);
  }

  /**
   * The zone's abbreviation now, as Python's {@code tzname()}: {@code CET}, {@code EDT}, {@code
   * +0545}.
   */
  String abbreviation() {
    return naive ? "" : zone.abbreviation(instant);
  }

  ZoneOffset zoneOffset() {
    return offset();
  }

  /** Seconds since the epoch, as Python's {@code timestamp()}. */
  public double timestamp() {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  /** Python's {@code str(datetime)}: {@code 2024-01-31 00:00:00+00:00}. */
  @Override
  public String toString() {
    return isoformat(" ", "auto");
  }

  /**
   * Python's {@code repr()}, how it prints inside a list or a dict: pendulum's {@code
   * DateTime(2024, 1, 31, 0, 0, 0, tzinfo=Timezone('UTC'))} for Airflow's aware date-times, the
   * standard {@code datetime.datetime(2024, 1, 1, 0, 0)} for a naive one (which omits a zero
   * second).
   */
  String repr() {
    StringBuilder out = new StringBuilder(plain ? "datetime.datetime(" : "DateTime(");
    out.append(local.getYear()).append(", ").append(local.getMonthValue()).append(", ");
    out.append(local.getDayOfMonth()).append(", ").append(local.getHour()).append(", ");
    out.append(local.getMinute());
    int micros = getMicrosecond();
    if (!plain || local.getSecond() != 0 || micros != 0) {
      out.append(", ").append(local.getSecond());
    }
    if (micros != 0) {
      out.append(", ").append(micros);
    }
    if (naive) {
      return out.append(")").toString();
    }
    return out.append(", tzinfo=Timezone('").append(zone.name()).append("'))").toString();
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
        && naive == other.naive
        && (zone.equals(other.zone) || !ambiguous() && !other.ambiguous());
  }

  /**
   * Whether this wall-clock time is one a zone repeats or skips: Python (PEP 495) then holds a
   * value unequal to any of another zone, whatever their instants.
   */
  private boolean ambiguous() {
    return !naive && zone.id().getRules().getValidOffsets(local).size() != 1;
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }
}
