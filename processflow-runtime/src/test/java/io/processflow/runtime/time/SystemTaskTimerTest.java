package io.processflow.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SystemTaskTimerTest {
  /**
   * The timer counts on from a reading of the wall clock with the monotonic one, and reads the wall
   * clock again every 100 ms: over 350 ms (three readings at least), every instant it gives is the
   * wall clock's to the microsecond, within the drift NTP may cause between two readings.
   */
  @Test
  void nowIsTheWallClockToTheMicrosecondAcrossItsReadings() {
    TaskTimer timer = TaskTimer.system();
    Duration drift = Duration.ofMillis(1);
    long until = System.nanoTime() + 350_000_000L;
    int calls = 0;
    while (System.nanoTime() < until) {
      Instant before = Instant.now();
      Instant now = timer.now();
      Instant after = Instant.now();
      assertThat(now.getNano() % 1_000).as("to the microsecond").isZero();
      assertThat(now)
          .isAfterOrEqualTo(before.minus(drift).minusNanos(before.getNano() % 1_000))
          .isBeforeOrEqualTo(after.plus(drift));
      calls++;
    }
    assertThat(calls).isGreaterThan(1_000);
  }

  @Test
  void callsWithinOneMicrosecondShareOneInstant() {
    TaskTimer timer = TaskTimer.system();
    int shared = 0;
    for (int i = 0; i < 10_000; i++) {
      Instant first = timer.now();
      Instant second = timer.now();
      if (first.equals(second) && first == second) {
        shared++;
      }
      assertThat(second).isAfterOrEqualTo(first.minusMillis(1));
    }
    assertThat(shared).as("pairs of calls that got the same object").isPositive();
  }
}
