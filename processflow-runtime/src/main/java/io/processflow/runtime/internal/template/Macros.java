package io.processflow.runtime.internal.template;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * Airflow's {@code macros} in templates. Method names are Airflow's, hence the snake_case: {@code
 * {{ macros.ds_add(ds, 7) }}}, {@code {{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}}, {@code
 * macros.datetime(2024, 1, 1)}, {@code macros.datetime.strptime(ds, '%Y-%m-%d')}, {@code
 * macros.timedelta(days=1)}, {@code macros.uuid.uuid4()}.
 */
public final class Macros {
  static final Macros INSTANCE = new Macros();

  private Macros() {}

  /** {@code ds} shifted by {@code days}: {@code ds_add('2024-01-31', 1)} is {@code 2024-02-01}. */
  public String ds_add(String ds, long days) {
    return AirflowDates.dsAdd(ds, days);
  }

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

  /** A random UUID string (Airflow's {@code macros.uuid.uuid4()}). */
  public String uuid4() {
    return UUID.randomUUID().toString();
  }

  @Override
  public String toString() {
    return "<macros>";
  }
}
