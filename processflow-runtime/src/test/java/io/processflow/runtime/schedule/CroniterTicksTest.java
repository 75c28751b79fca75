package io.processflow.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron ticks as croniter 6.2.4, Airflow 3's cron library, gives them ({@code croniter/ticks.txt}:
 * 54 chosen expressions and 500 random ones, 6 ticks after and 6 before one instant each). Found by
 * an audit: cron-utils alone read a step in the day of week up to 7 (Sunday), refused ranges that
 * wrap or start at SUN, read 9-9 as one hour, ANDed a full day of month such as {@code *}/1 with a
 * restricted day of week, and dropped the {@code L} of {@code 1,L}.
 */
class CroniterTicksTest {
  private static final Instant BASE = Instant.parse("2024-01-30T12:07:00Z");
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

  @Test
  void everyExpressionTicksAsCroniter() throws Exception {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/croniter/ticks.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> differences = new ArrayList<>();
    int expressions = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" \\| ");
      CronClock clock = new CronClock(parts[0], ZoneOffset.UTC);
      String next = ticks(clock, true);
      String previous = ticks(clock, false);
      if (!next.equals(parts[1]) || !previous.equals(parts[2])) {
        differences.add(parts[0] + ": " + next + " | " + previous + ", croniter " + parts[1]);
      }
      expressions++;
    }
    assertThat(differences).as("expressions that tick otherwise than croniter").isEmpty();
    assertThat(expressions).isGreaterThan(540);
  }

  private static String ticks(CronClock clock, boolean forward) {
    List<String> ticks = new ArrayList<>();
    Instant tick = BASE;
    for (int i = 0; i < 6; i++) {
      tick = forward ? clock.next(tick) : clock.prev(tick);
      ticks.add(MINUTE.format(tick));
    }
    return String.join(" ", ticks);
  }
}
