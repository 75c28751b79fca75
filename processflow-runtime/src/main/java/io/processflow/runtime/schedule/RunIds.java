package io.processflow.runtime.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Run ids as Airflow writes them: {@code scheduled__2024-01-01T00:00:00+00:00}. */
public final class RunIds {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private RunIds() {}

  /** The id of the scheduled run with logical date {@code logicalDate}. */
  public static String scheduled(Instant logicalDate) {
    return RunType.SCHEDULED.runId(logicalDate);
  }

  /** The id of the backfill run with logical date {@code logicalDate}. */
  public static String backfill(Instant logicalDate) {
    return RunType.BACKFILL.runId(logicalDate);
  }

  /**
   * {@code instant} as Python's {@code datetime.isoformat()} writes a UTC date-time: seconds
   * always, microseconds only when not zero, and {@code +00:00}.
   */
  public static String isoformat(Instant instant) {
    var utc = instant.atOffset(ZoneOffset.UTC);
    int micros = utc.getNano() / 1_000;
    return SECONDS.format(utc)
        + (micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros))
        + "+00:00";
  }
}
