package io.processflow.runtime.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants for the ported cases, written as pendulum's {@code DateTime(..., tzinfo=utc)} would be.
 */
final class Times {
  private Times() {}

  static Instant utc(int year, int month, int day) {
    return utc(year, month, day, 0, 0);
  }

  static Instant utc(int year, int month, int day, int hour) {
    return utc(year, month, day, hour, 0);
  }

  static Instant utc(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.UTC);
  }
}
