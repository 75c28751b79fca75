package io.processflow.runtime.internal.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Airflow's date formats: {@code ds}, {@code ts} (Python's isoformat, {@code +00:00}, never {@code
 * Z}), ... Every date is in UTC, as Airflow's context dates are by default.
 */
public final class AirflowDates {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter DS = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter DS_NODASH = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TS_NODASH =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private AirflowDates() {}

  /** Airflow keeps microseconds; finer digits are dropped. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * {@code 2024-01-31T00:00:00+00:00}, with {@code .ffffff} only when microseconds are non-zero.
   */
  public static String ts(Instant instant) {
    return isoformat(instant, 'T');
  }

  /**
   * Python's {@code str()} of {@code instant} as a UTC datetime: {@code 2024-01-31 00:00:00+00:00},
   * with {@code .ffffff} only when microseconds are non-zero.
   */
  public static String str(Instant instant) {
    return isoformat(instant, ' ');
  }

  /** Python's {@code isoformat(sep)} of {@code instant} in UTC. */
  static String isoformat(Instant instant, char separator) {
    LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    int micros = time.getNano() / 1000;
    String base = DS.format(time) + separator + SECONDS.format(time).substring(11);
    return micros == 0
        ? base + "+00:00"
        : base + "." + String.format(Locale.ROOT, "%06d", micros) + "+00:00";
  }

  /** {@code 2024-01-31}. */
  public static String ds(Instant instant) {
    return DS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** {@code 20240131}. */
  public static String dsNodash(Instant instant) {
    return DS_NODASH.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** {@code 20240131T000000}. */
  public static String tsNodash(Instant instant) {
    return TS_NODASH.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** {@code 20240131T000000+0000}: {@link #ts} without dashes and colons, as Airflow builds it. */
  public static String tsNodashWithTz(Instant instant) {
    return ts(instant).replace("-", "").replace(":", "");
  }

  /** Airflow's {@code macros.ds_add}: {@code ds} ({@code YYYY-MM-DD}) shifted by {@code days}. */
  public static String dsAdd(String ds, long days) {
    LocalDate date = parseDs(ds);
    try {
      return PyDate.inRange(date.plusDays(days)).toString();
    } catch (DateTimeException e) { // past even Java's years
      throw new PyException("OverflowError", "date value out of range");
    }
  }

  private static final Pattern DS_LENIENT = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

  /** A {@code YYYY-MM-DD} date; the message names the bad value. */
  static LocalDate parseDs(String ds) {
    // Python's strptime(ds, '%Y-%m-%d'), which Airflow's macros call: one or two digits for the
    // month and the day (2024-1-5).
    Matcher m = ds == null ? null : DS_LENIENT.matcher(ds);
    try {
      if (m == null || !m.matches()) {
        throw new DateTimeParseException("not %Y-%m-%d", String.valueOf(ds), 0);
      }
      return LocalDate.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "Expected a date as YYYY-MM-DD, such as 2024-01-31; got '" + ds + "'", e);
    }
  }

  /** Airflow's id of a manual run: {@code manual__2024-01-31T00:00:00+00:00}. */
  public static String manualRunId(Instant logicalDate) {
    return "manual__" + ts(logicalDate);
  }
}
