package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskList;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 2: a timed-out task frees its slot and its thread whatever its body does. Two
 * runaway bodies on the only two workers time out; the {@code all_done} task after them and a task
 * queued behind them still run, and the run's end does not wait for bodies that ignore their
 * interrupt.
 */
class TimeoutFreesThreadsTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  /** A billion loop iterations: hours of rendering unless the timeout stops it. */
  private static final String RUNAWAY_TEMPLATE =
      "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
          + "{% endfor %}{% endfor %}{% endfor %}";

  private final DagRunner runner = DagRunner.builder().workerThreads(2).maxActiveTasks(2).build();

  @AfterEach
  void close() {
    runner.close();
  }

  @Test
  void runawayRendersStopAtTheirTimeoutAndStarveNothing() throws Exception {
    AtomicInteger rendersReturned = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("runaway_renders");
    TaskList runaways =
        TaskList.of(
            dag.task("render_1", ctx -> render(ctx, rendersReturned)).executionTimeout(TIMEOUT),
            dag.task("render_2", ctx -> render(ctx, rendersReturned)).executionTimeout(TIMEOUT));
    runaways.then(dag.task("cleanup", ctx -> "cleaned").triggerRule(TriggerRule.ALL_DONE));
    dag.task("queued", ctx -> "ran");

    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    RunResult result = run.result().get(30, TimeUnit.SECONDS);

    assertThat(result.task("render_1").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("render_1").error().message()).contains("timed out after PT0.3S");
    assertThat(result.task("render_2").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("cleanup").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("queued").state()).isEqualTo(TaskState.SUCCESS);
    // The renders heeded the interrupt: their threads are back, not burning CPU for hours.
    awaitValue(rendersReturned, 2);
  }

  private static Object render(io.processflow.api.TaskContext ctx, AtomicInteger returned) {
    try {
      return ctx.render(RUNAWAY_TEMPLATE);
    } finally {
      returned.incrementAndGet();
    }
  }

  @Test
  void bodiesThatIgnoreTheirInterruptAreReplacedAndNotWaitedFor() throws Exception {
    AtomicBoolean release = new AtomicBoolean();
    AtomicInteger stubbornReturned = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("stubborn_bodies");
    TaskList stubborn =
        TaskList.of(
            dag.task("stubborn_1", ctx -> ignoreInterrupts(release, stubbornReturned))
                .executionTimeout(TIMEOUT),
            dag.task("stubborn_2", ctx -> ignoreInterrupts(release, stubbornReturned))
                .executionTimeout(TIMEOUT));
    stubborn.then(dag.task("cleanup", ctx -> "cleaned").triggerRule(TriggerRule.ALL_DONE));
    dag.task("queued_1", ctx -> "ran").then(dag.task("queued_2", ctx -> "ran"));

    try {
      RunHandle run = runner.start(dag.build(), RunConfig.defaults());
      RunResult result = run.result().get(30, TimeUnit.SECONDS);

      assertThat(result.task("stubborn_1").state()).isEqualTo(TaskState.FAILED);
      assertThat(result.task("stubborn_2").state()).isEqualTo(TaskState.FAILED);
      assertThat(result.task("cleanup").state()).isEqualTo(TaskState.SUCCESS);
      assertThat(result.task("queued_1").state()).isEqualTo(TaskState.SUCCESS);
      assertThat(result.task("queued_2").state()).isEqualTo(TaskState.SUCCESS);
      // The end (what a SIGTERM waits for) does not wait for the bodies it gave up.
      run.terminated().get(30, TimeUnit.SECONDS);
      assertThat(stubbornReturned).as("the stubborn bodies still run").hasValue(0);
    } finally {
      release.set(true);
    }
    awaitValue(stubbornReturned, 2);
    // Their threads are back in the pool: another run on it runs as usual.
    DagBuilder next = DagBuilder.dag("after_release");
    next.task("a", ctx -> "a").then(next.task("b", ctx -> "b"));
    assertThat(runner.run(next.build()).succeeded()).isTrue();
  }

  private static void awaitValue(AtomicInteger value, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (value.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(value).hasValue(expected);
  }

  private static Object ignoreInterrupts(AtomicBoolean release, AtomicInteger returned) {
    while (!release.get()) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException ignored) {
        // a body that swallows its interrupt
      }
    }
    returned.incrementAndGet();
    return null;
  }
}
