package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.time.ManualTimer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A try ended by its timeout whose body ignores the interrupt and returns late: the interrupt the
 * timeout sent its thread must not reach the next task that thread runs (found in review: a late
 * completion returned before the interrupt was cleared).
 */
class InterruptLeakTest {
  @Test
  void interruptOfATimedOutTryDoesNotReachTheNextTask() throws Exception {
    ManualTimer time = new ManualTimer();
    try (DagRunner runner =
        DagRunner.builder().workerThreads(1).maxActiveTasks(4).timer(time).build()) {
      CountDownLatch started = new CountDownLatch(1);
      AtomicBoolean release = new AtomicBoolean();
      AtomicBoolean victimSawInterrupt = new AtomicBoolean();
      DagBuilder dag = DagBuilder.dag("leak");
      TaskHandle stubborn =
          dag.task(
                  "stubborn",
                  ctx -> {
                    started.countDown();
                    while (!release.get()) {
                      Thread.onSpinWait(); // ignores interrupts
                    }
                    return "done late";
                  })
              .executionTimeout(Duration.ofSeconds(5));
      TaskHandle victim =
          dag.task(
                  "victim",
                  ctx -> {
                    victimSawInterrupt.set(Thread.currentThread().isInterrupted());
                    Thread.sleep(1); // throws if the flag leaked
                    return "ok";
                  })
              .triggerRule(TriggerRule.ALL_DONE);
      stubborn.then(victim);

      RunHandle run = runner.start(dag.build(), RunConfig.defaults());
      assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
      time.advance(Duration.ofSeconds(5)); // times out: interrupts the worker, queues "victim"
      release.set(true); // the body returns; its completion is late
      RunResult result = run.result().get(20, TimeUnit.SECONDS);

      assertThat(result.task("stubborn").state()).isEqualTo(TaskState.FAILED);
      assertThat(victimSawInterrupt.get())
          .as("victim started with an interrupt meant for stubborn")
          .isFalse();
      assertThat(result.task("victim").state()).isEqualTo(TaskState.SUCCESS);
    }
  }

  @Test
  void interruptOfATimedOutTryDoesNotFailItsOwnRetry() throws Exception {
    ManualTimer time = new ManualTimer();
    try (DagRunner runner =
        DagRunner.builder().workerThreads(1).maxActiveTasks(4).timer(time).build()) {
      CountDownLatch started = new CountDownLatch(1);
      AtomicBoolean release = new AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger tries =
          new java.util.concurrent.atomic.AtomicInteger();
      DagBuilder dag = DagBuilder.dag("leak_retry");
      dag.task(
              "io",
              ctx -> {
                if (tries.incrementAndGet() == 1) {
                  started.countDown();
                  while (!release.get()) {
                    Thread.onSpinWait(); // e.g. blocked in non-interruptible I/O
                  }
                  return "late";
                }
                Thread.sleep(1); // the retry: throws InterruptedException if the flag leaked
                return "second try";
              })
          .executionTimeout(Duration.ofSeconds(5))
          .retries(1)
          .retryDelay(Duration.ofMillis(1));

      RunHandle run = runner.start(dag.build(), RunConfig.defaults());
      assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
      time.advance(
          Duration.ofSeconds(5)
              .plusMillis(1)); // timeout, then the retry is queued behind the busy worker
      release.set(true);
      RunResult result = run.result().get(20, TimeUnit.SECONDS);
      assertThat(result.task("io").state())
          .as("error: %s", result.task("io").error())
          .isEqualTo(TaskState.SUCCESS);
    }
  }
}
