package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.RunState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A run whose local bodies are short narrows to one slot (see BodyPace), and widens again when a
 * body needs another task to run beside it: the thresholds are the test's, so that what the run
 * does does not depend on this machine's speed.
 */
class PaceTest {
  private static final long NEVER = Long.MAX_VALUE;

  /** Narrows after {@code window} reports whatever their length, and widens only at a stall. */
  private static BodyPace.Settings narrowAfter(int window, long stallNanos) {
    return new BodyPace.Settings(window, NEVER, NEVER, stallNanos);
  }

  @Test
  void onceNarrowedTheRunsBodiesRunOneAtATime() {
    int window = 16;
    int slots = 4;
    AtomicInteger started = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAfter = new AtomicInteger();
    AtomicInteger mostBefore = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("narrow");
    TaskHandle root = dag.task("root", ctx -> null);
    for (int i = 0; i < 400; i++) {
      root.then(
          dag.task(
              "t" + i,
              ctx -> {
                int k = started.incrementAndGet();
                int now = running.incrementAndGet();
                // Tries started before the window closed (at most its reports and the slots
                // held then) have all ended before the first try of the narrowed run starts.
                (k > window + slots ? mostAfter : mostBefore).accumulateAndGet(now, Math::max);
                long until = System.nanoTime() + 20_000;
                while (System.nanoTime() < until) {
                  Thread.onSpinWait(); // long enough to overlap, were two slots held
                }
                running.decrementAndGet();
                return null;
              }));
    }
    try (DagRunner runner =
        DagRunner.builder()
            .workerThreads(slots)
            .maxActiveTasks(slots)
            .pace(narrowAfter(window, NEVER))
            .build()) {
      assertThat(runner.run(dag.build()).succeeded()).isTrue();
    }
    assertThat(mostAfter.get()).isEqualTo(1);
    assertThat(mostBefore.get()).isBetween(1, slots);
    assertThat(started.get()).isEqualTo(400);
  }

  /**
   * Two tasks that wait for each other at a barrier, ready at once in a narrowed run: the one that
   * got the slot would wait for ever for the other, which waits for the slot; the run is widened
   * once it has begun no section for the stall time, and both run.
   */
  @Test
  void aBodyThatWaitsForAnotherTaskGetsItBesideIt() {
    CyclicBarrier barrier = new CyclicBarrier(2);
    DagBuilder dag = DagBuilder.dag("barrier");
    fanJoined(dag)
        .then(
            dag.task("left", ctx -> barrier.await(30, TimeUnit.SECONDS)),
            dag.task("right", ctx -> barrier.await(30, TimeUnit.SECONDS)));
    List<String> transitions = runNarrowed(dag);
    assertThat(transitions).contains("left:success", "right:success");
    // The second of the two waited for the narrowed run's one slot, recorded as Airflow has it.
    assertThat(transitions).containsAnyOf("left:scheduled", "right:scheduled");
  }

  /** An asynchronous body whose future another task completes: that task starts, too. */
  @Test
  void anAsynchronousBodyWaitingForAnotherTaskGetsItToo() {
    CompletableFuture<String> handOver = new CompletableFuture<>();
    DagBuilder dag = DagBuilder.dag("async");
    fanJoined(dag)
        .then(
            dag.task("waits", ctx -> handOver.thenApply(value -> value + "!")),
            dag.task("hands_over", ctx -> handOver.complete("x")));
    List<String> transitions = runNarrowed(dag);
    assertThat(transitions).contains("waits:success", "hands_over:success");
  }

  private static final int FAN = 30;

  /**
   * A root, a fan of {@link #FAN} trivial tasks, and their join, which it returns: the run narrows
   * in the section that decides the join's outcome ({@link #runNarrowed}), and whatever that makes
   * ready finds one slot.
   */
  private static TaskHandle fanJoined(DagBuilder dag) {
    TaskHandle root = dag.task("root", ctx -> null);
    TaskHandle join = dag.task("wait_for_fan", ctx -> null);
    for (int i = 0; i < FAN; i++) {
      root.then(dag.task("t" + i, ctx -> null)).then(join);
    }
    return join;
  }

  /**
   * Runs it on two slots, narrowed at the join's outcome (the window is every outcome until then,
   * so no stall can widen the run before: it is not watched until it narrows), widened by PaceWatch
   * at the default stall time; returns its transitions.
   */
  private static List<String> runNarrowed(DagBuilder dag) {
    int window = 1 + FAN + 1;
    List<String> transitions = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> seen =
        store ->
            next ->
                action -> {
                  if (action instanceof TaskStatusUpdate update) {
                    transitions.add(update.taskId() + ":" + update.state().name().toLowerCase());
                  }
                  return next.dispatch(action);
                };
    try (DagRunner runner =
        DagRunner.builder()
            .workerThreads(2)
            .maxActiveTasks(2)
            .pace(narrowAfter(window, BodyPace.Settings.DEFAULT.stallNanos()))
            .build()) {
      RunHandle run = runner.start(dag.build(), RunConfig.builder().middleware(seen).build());
      try {
        RunResult result = run.result().get(60, TimeUnit.SECONDS);
        assertThat(result.succeeded()).as("%s", result).isTrue();
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        run.cancel();
        throw new AssertionError("the run did not end: " + transitions, e);
      }
    }
    return transitions;
  }
}
