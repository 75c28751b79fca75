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
 * 62 chosen expressions and 496 random ones, 6 ticks after and 6 before one instant each). Found by
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
    List<String> differences = new ArrayList<>();
    int expressions = 0;
    for (String[] parts : lines("/croniter/ticks.txt")) {
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

  /**
   * Every pair of 15 day-of-month and 20 day-of-week items with {@code L}, {@code W}, {@code #} and
   * {@code L5} ({@code croniter/day-items.txt}): what croniter refuses is refused; what it accepts
   * ticks as it does, or is refused on purpose where croniter ticks erratically (an nth weekday
   * beside a restricted day of month, {@code W} beside a restricted day of week), saying so.
   */
  @Test
  void dayItemsAreReadOrRefusedAsCroniterDoes() throws Exception {
    List<String> differences = new ArrayList<>();
    int refusedOnPurpose = 0;
    List<String[]> lines = lines("/croniter/day-items.txt");
    for (String[] parts : lines) {
      String croniter = parts[1].startsWith("ERR") ? parts[1] : parts[1] + " | " + parts[2];
      String ours;
      try {
        CronClock clock = new CronClock(parts[0], ZoneOffset.UTC);
        ours = ticks(clock, true) + " | " + ticks(clock, false);
      } catch (IllegalArgumentException e) {
        ours = "ERR " + e.getMessage();
        if (croniter.startsWith("ERR")) {
          continue; // both refuse
        }
        if (e.getMessage().contains("erratically") || e.getMessage().contains("ignores")) {
          refusedOnPurpose++;
          continue;
        }
      }
      if (!ours.equals(croniter)) {
        differences.add(parts[0] + ": " + ours + ", croniter " + croniter);
      }
    }
    assertThat(differences).as("expressions read otherwise than croniter").isEmpty();
    assertThat(lines).hasSize(300);
    assertThat(refusedOnPurpose).isBetween(1, 70);
  }

  /** The lines of a resource, but comments, split at {@code " | "}. */
  private List<String[]> lines(String resource) throws Exception {
    String text;
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String[]> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.split(" \\| "));
      }
    }
    return lines;
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
