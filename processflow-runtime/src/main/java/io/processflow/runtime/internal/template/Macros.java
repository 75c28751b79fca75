package io.processflow.runtime.internal.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Airflow's {@code macros} in templates. Method names are Airflow's, hence the snake_case: {@code
 * {{ macros.ds_add(ds, 7) }}}, {@code {{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}}, {@code
 * macros.datetime(2024, 1, 1)}, {@code macros.datetime.strptime(ds, '%Y-%m-%d')}, {@code
 * macros.timedelta(days=1)}, {@code macros.uuid.uuid4()}, {@code macros.datetime.now()}, {@code
 * macros.random()}, {@code macros.time.time()}.
 */
public final class Macros {
  static final Macros INSTANCE = new Macros();

  private Macros() {}

  /**
   * {@code ds} shifted by {@code days}: {@code ds_add('2024-01-31', 1)} is {@code 2024-02-01}; also
   * {@code ds_add(ds, days=2)}, and as Airflow's, no days ({@code 0}, {@code None}) gives {@code
   * ds} back and a fraction of a day counts ({@code 1.5} from midnight is the next day).
   */
  public String ds_add(Object... arguments) {
    PyArguments args = new PyArguments("ds_add", arguments).check(2, "ds", "days");
    Object ds = args.get(0, "ds", null);
    Object days = args.get(1, "days", MISSING);
    if (ds == null || days == MISSING) {
      throw PyException.typeError(
          "ds_add() missing 1 required positional argument: '"
              + (ds == null ? "ds" : "days")
              + "'");
    }
    if (!PyValues.truth(days)) {
      return PyValues.str(ds);
    }
    if (!PyValues.isNumber(days)) {
      throw PyException.typeError(
          "unsupported type for timedelta days component: " + PyValues.typeName(days));
    }
    if (PyValues.isInt(days)) {
      return AirflowDates.dsAdd(PyValues.str(ds), PyValues.bigInt(days).longValueExact());
    }
    LocalDateTime midnight = AirflowDates.parseDs(PyValues.str(ds)).atStartOfDay();
    long micros = Math.round(PyValues.toDouble(days) * 86_400e6);
    return PyDate.inRange(midnight.plusNanos(micros * 1000).toLocalDate()).toString();
  }

  private static final Object MISSING = new Object();

  /** {@code ds} read with {@code inputFormat} and written with {@code outputFormat} (strftime). */
  public String ds_format(String ds, String inputFormat, String outputFormat) {
    return PyDateFormat.formatNaive(PyDateFormat.parse(ds, inputFormat), outputFormat);
  }

  /**
   * Python's {@code datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0)}, naive.
   */
  public AirflowDateTime datetime(Object... arguments) {
    PyArguments args =
        new PyArguments("datetime", arguments)
            .check(7, "year", "month", "day", "hour", "minute", "second", "microsecond");
    try {
      return AirflowDateTime.naive(
          LocalDateTime.of(
              (int) args.getLong(0, "year", 1),
              (int) args.getLong(1, "month", 1),
              (int) args.getLong(2, "day", 1),
              (int) args.getLong(3, "hour", 0),
              (int) args.getLong(4, "minute", 0),
              (int) args.getLong(5, "second", 0),
              (int) args.getLong(6, "microsecond", 0) * 1000));
    } catch (DateTimeException e) {
      throw PyException.valueError(e.getMessage());
    }
  }

  /** {@code macros.datetime} as a class: {@code macros.datetime.strptime(text, format)}. */
  public DatetimeClass getDatetime() {
    return DatetimeClass.INSTANCE;
  }

  /**
   * Python's {@code timedelta(days=, seconds=, microseconds=, milliseconds=, minutes=, hours=,
   * weeks=)}.
   */
  public PyTimedelta timedelta(Object... arguments) {
    return PyTimedelta.of(arguments);
  }

  /** {@code macros.uuid}: {@code macros.uuid.uuid4()}. */
  public UuidModule getUuid() {
    return UuidModule.INSTANCE;
  }

  /** Python's {@code datetime} class methods. */
  public static final class DatetimeClass {
    static final DatetimeClass INSTANCE = new DatetimeClass();

    /** {@code datetime.strptime(text, format)}: a naive date-time. */
    public AirflowDateTime strptime(String text, String format) {
      return AirflowDateTime.naive(PyDateFormat.parse(text, format));
    }

    /**
     * {@code datetime.now()}: the machine's local time, naive, as Python gives it; with a time zone
     * ({@code now(tz)}), the aware UTC instant (the one zone templates know).
     */
    public AirflowDateTime now(Object... tz) {
      return tz.length > 0 && tz[0] != null && tz[0] != PyNone.NONE
          ? AirflowDateTime.of(Instant.now())
          : AirflowDateTime.naive(LocalDateTime.now());
    }

    /** {@code datetime.today()}: as {@link #now} without a zone. */
    public AirflowDateTime today() {
      return now();
    }

    /** {@code datetime.utcnow()}: UTC, naive. */
    public AirflowDateTime utcnow() {
      return AirflowDateTime.naive(LocalDateTime.now(ZoneOffset.UTC));
    }

    /**
     * {@code datetime.fromisoformat(text)}: {@code 2024-01-31}, {@code 2024-01-31T10:20[:30[.5]]}
     * (or a space for the T), naive, or aware with {@code +00:00} or {@code Z}; another offset is
     * refused, as templates know only UTC.
     */
    public AirflowDateTime fromisoformat(String text) {
      try {
        String iso = text.length() > 10 ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        TemporalAccessor parsed =
            ISO.parseBest(iso, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof OffsetDateTime aware) {
          if (aware.getOffset().getTotalSeconds() != 0) {
            throw PyException.valueError(
                "only UTC date-times are supported in templates, not '" + text + "'");
          }
          return AirflowDateTime.of(aware.toInstant());
        }
        return AirflowDateTime.naive(
            parsed instanceof LocalDate day ? day.atStartOfDay() : (LocalDateTime) parsed);
      } catch (DateTimeException e) {
        throw PyException.valueError("Invalid isoformat string: '" + text + "'");
      }
    }

    /** {@code datetime.fromtimestamp(seconds)}: the machine's local time then, naive. */
    public AirflowDateTime fromtimestamp(double seconds) {
      Instant at = Instant.ofEpochSecond(0, Math.round(seconds * 1e6) * 1000);
      return AirflowDateTime.naive(LocalDateTime.ofInstant(at, ZoneId.systemDefault()));
    }

    private static final DateTimeFormatter ISO =
        new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter();

    @Override
    public String toString() {
      return "<class 'datetime.datetime'>";
    }
  }

  /** Python's {@code uuid} module. */
  public static final class UuidModule {
    static final UuidModule INSTANCE = new UuidModule();

    public String uuid4() {
      return UUID.randomUUID().toString();
    }

    @Override
    public String toString() {
      return "<module 'uuid'>";
    }
  }

  /** Airflow's {@code macros.random}, Python's {@code random.random()}: a float in [0, 1). */
  public double random() {
    return ThreadLocalRandom.current().nextDouble();
  }

  /** {@code macros.time}: {@code macros.time.time()}. */
  public TimeModule getTime() {
    return TimeModule.INSTANCE;
  }

  /** Python's {@code time} module. */
  public static final class TimeModule {
    static final TimeModule INSTANCE = new TimeModule();

    /** Seconds since the epoch, as a float. */
    public double time() {
      Instant now = Instant.now();
      return now.getEpochSecond() + now.getNano() / 1e9;
    }

    @Override
    public String toString() {
      return "<module 'time' (built-in)>";
    }
  }

  /** A random UUID string (Airflow's {@code macros.uuid.uuid4()}). */
  public String uuid4() {
    return UUID.randomUUID().toString();
  }

  @Override
  public String toString() {
    return "<macros>";
  }
}
