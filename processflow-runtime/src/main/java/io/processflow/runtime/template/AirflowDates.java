package io.processflow.runtime.template;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Airflow's date formats: {@code ds}, {@code ts} (Python's isoformat, {@code +00:00}, never {@code Z}), ... */
public final class AirflowDates {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter DS = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter DS_NODASH = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TS_NODASH = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private AirflowDates() {}

  /** Airflow keeps microseconds; finer digits are dropped. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code 2024-01-31T00:00:00+00:00}, with {@code .ffffff} only when microseconds are non-zero. */
  public static String ts(Instant instant) {
    LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    int micros = time.getNano() / 1000;
    String base = SECONDS.format(time);
    return micros == 0 ? base + "+00:00" : base + "." + String.format("%06d", micros) + "+00:00";
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

  /** Airflow's id of a manual run: {@code manual__2024-01-31T00:00:00+00:00}. */
  public static String manualRunId(Instant logicalDate) {
    return "manual__" + ts(logicalDate);
  }
}
