package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.time.ManualTimer;
import io.processflow.runtime.time.RunTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run's executionTimeout is the only one; an operator adds what its try was doing to the
 * timeout's error through its context ({@link RunTimer#onTimeout}).
 */
class TimeoutDetailTest {
  private final ManualTimer time = new ManualTimer();
  private final DagRunner runner = DagRunner.builder().workerThreads(2).timer(time).build();

  @AfterEach
  void close() {
    runner.close();
  }

  /**
   * Runs task {@code waiting}, which says {@code detail} and never ends, until its 30 s timeout;
   * returns the message of its error.
   */
  private String timeOut(Supplier<String> detail) throws Exception {
    CompletableFuture<Object> never = new CompletableFuture<>();
    CountDownLatch said = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("timeout_detail");
    dag.task(
            "waiting",
            ctx -> {
              RunTimer.onTimeout(ctx, detail);
              said.countDown();
              return never;
            })
        .executionTimeout(Duration.ofSeconds(30));
    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    assertThat(said.await(20, TimeUnit.SECONDS)).isTrue();
    time.advance(Duration.ofSeconds(30));
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    // The timeout may fire before the body has returned its future: then the future is cancelled
    // as the body returns it.
    for (int i = 0; i < 2000 && !never.isCancelled(); i++) {
      Thread.sleep(10);
    }
    assertThat(never).as("the run's timeout cancels the try").isCancelled();
    assertThat(result.task("waiting").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("waiting").error().type()).isEqualTo(TimeoutException.class.getName());
    return result.task("waiting").error().message();
  }

  @Test
  void theTimeoutsErrorEndsWithWhatTheOperatorSaid() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    String message = timeOut(() -> asked.incrementAndGet() + " polls, job still RUNNING");

    assertThat(message)
        .isEqualTo(
            "task 'waiting' timed out after PT30S (executionTimeout); it was cancelled; 1 polls, job still RUNNING");
    assertThat(asked).as("asked once, when the timeout fired").hasValue(1);
  }

  @Test
  void anOperatorThatSaysNothingLeavesTheMessageAsItIs() throws Exception {
    assertThat(timeOut(() -> null))
        .isEqualTo("task 'waiting' timed out after PT30S (executionTimeout); it was cancelled");
    assertThat(timeOut(() -> ""))
        .isEqualTo("task 'waiting' timed out after PT30S (executionTimeout); it was cancelled");
  }

  @Test
  void anOperatorThatFailsToSayStillTimesOut() throws Exception {
    String message =
        timeOut(
            () -> {
              throw new IllegalStateException("stderr file is gone");
            });

    assertThat(message)
        .isEqualTo(
            "task 'waiting' timed out after PT30S (executionTimeout); it was cancelled; (its operator could"
                + " not say what it was doing: java.lang.IllegalStateException: stderr file is gone)");
  }
}
