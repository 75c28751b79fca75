package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RunningTriesTest {
  @Test
  void releasingATryCancelsItsTimeoutAndHandsBackItsLatestCanceller() {
    RunningTries running = new RunningTries(3);
    TryCanceller thread = timedOut -> {};
    TryCanceller future = timedOut -> {};
    CompletableFuture<Void> timeout = new CompletableFuture<>();
    running.hold(1, thread);
    running.timeout(1, timeout);
    running.hold(1, future); // an asynchronous body handed over to its future
    assertThat(running.release(1)).isSameAs(future);
    assertThat(timeout).isCancelled();
    assertThat(running.release(1)).as("released once").isNull();
  }

  @Test
  void aTryWithoutTimeoutReleasesWithoutOne() {
    RunningTries running = new RunningTries(2);
    TryCanceller canceller = timedOut -> {};
    running.hold(0, canceller);
    assertThat(running.release(0)).isSameAs(canceller);
  }
}
