package io.processflow.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TestClockTest {
  private final TestClock clock = TestClock.at(Instant.parse("2024-05-01T00:00:00Z"));
  private final List<String> ran = new ArrayList<>();

  @Test
  void runsDueActionsInTimeOrderAtTheirDueTime() {
    clock.schedule(Duration.ofMinutes(5), () -> ran.add("b@" + clock.now()));
    clock.schedule(Duration.ofMinutes(1), () -> ran.add("a@" + clock.now()));
    clock.schedule(Duration.ofMinutes(5), () -> ran.add("c@" + clock.now()));
    clock.schedule(Duration.ofHours(1), () -> ran.add("late"));

    clock.advance(Duration.ofMinutes(10));

    assertThat(ran)
        .containsExactly(
            "a@2024-05-01T00:01:00Z", "b@2024-05-01T00:05:00Z", "c@2024-05-01T00:05:00Z");
    assertThat(clock.now()).isEqualTo(Instant.parse("2024-05-01T00:10:00Z"));
    assertThat(clock.pending()).isEqualTo(1);
    assertThat(clock.nextDue()).contains(Instant.parse("2024-05-01T01:00:00Z"));
  }

  @Test
  void anActionScheduledByADueActionRunsInTheSameAdvanceWhenItFallsDue() {
    clock.schedule(
        Duration.ofSeconds(30),
        () -> {
          ran.add("first");
          clock.schedule(Duration.ofSeconds(30), () -> ran.add("second@" + clock.now()));
        });

    clock.advance(Duration.ofMinutes(1));

    assertThat(ran).containsExactly("first", "second@2024-05-01T00:01:00Z");
  }

  @Test
  void aCancelledActionNeverRuns() {
    Future<?> cancelled = clock.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
    clock.schedule(Duration.ofSeconds(2), () -> ran.add("kept"));
    cancelled.cancel(false);

    assertThat(clock.pending()).isEqualTo(1);
    assertThat(clock.advanceToNext()).isTrue();
    assertThat(ran).containsExactly("kept");
    assertThat(clock.now()).isEqualTo(Instant.parse("2024-05-01T00:00:02Z"));
    assertThat(clock.advanceToNext()).isFalse();
  }

  @Test
  void timeOnlyMovesForward() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThat(TestClock.create().now()).isEqualTo(TestClock.DEFAULT_START);
  }
}
