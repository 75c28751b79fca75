package io.processflow.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.time.ManualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PollingTest {
  private final ManualTimer timer = new ManualTimer();
  private final Instant start = timer.now();

  @Test
  void intervalsGrowByOneAndAHalfUpToTheMaximum() {
    List<Long> checks = new ArrayList<>();
    CompletableFuture<String> result =
        Polling.poll(
            () -> {
              checks.add(Duration.between(start, timer.now()).toMillis());
              return checks.size() == 7 ? Polling.Check.done("ok") : Polling.Check.notYet();
            },
            PollingPolicy.backoff(
                Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofHours(1)),
            timer,
            TimeoutException::new);
    timer.advance(Duration.ofMinutes(1));
    assertThat(result).isCompletedWithValue("ok");
    // waits: 1, 1.5, 2.25, 3.375, 4, 4
    assertThat(checks).containsExactly(0L, 1000L, 2500L, 4750L, 8125L, 12125L, 16125L);
  }

  @Test
  void timeoutFailsAfterOneLastCheckAtTheDeadline() {
    List<Long> checks = new ArrayList<>();
    CompletableFuture<String> result =
        Polling.poll(
            () -> {
              checks.add(Duration.between(start, timer.now()).toMillis());
              return Polling.Check.notYet();
            },
            PollingPolicy.fixed(Duration.ofSeconds(4), Duration.ofSeconds(10)),
            timer,
            () -> new TimeoutException("too slow"));
    timer.advance(Duration.ofMinutes(1));
    assertThat(result).isCompletedExceptionally();
    assertThat(checks).containsExactly(0L, 4000L, 8000L, 10000L);
    assertThat(result.handle((v, e) -> e).join())
        .isInstanceOf(TimeoutException.class)
        .hasMessage("too slow");
  }

  @Test
  void cancellingStopsPolling() {
    List<Instant> checks = new ArrayList<>();
    CompletableFuture<String> result =
        Polling.poll(
            () -> {
              checks.add(timer.now());
              return Polling.Check.notYet();
            },
            PollingPolicy.fixed(Duration.ofSeconds(1), Duration.ofHours(1)),
            timer,
            TimeoutException::new);
    result.cancel(true);
    timer.advance(Duration.ofMinutes(1));
    assertThat(checks).hasSize(1);
    assertThat(timer.pending()).isZero();
  }

  @Test
  void aFailingCheckFailsTheResult() {
    CompletableFuture<String> result =
        Polling.poll(
            () -> {
              throw new IllegalStateException("boom");
            },
            PollingPolicy.fixed(Duration.ofSeconds(1), Duration.ofHours(1)),
            timer,
            TimeoutException::new);
    assertThat(result.handle((v, e) -> e).join()).isInstanceOf(IllegalStateException.class);
  }
}
