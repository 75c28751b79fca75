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
import java.util.concurrent.CountDownLatch;
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
    AtomicInteger most = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("narrow");
    // A chain as long as the window first: one try at a time, so that when the run narrows (at
    // the chain's last outcome) no other try holds a slot (see aBodyRunningWhenTheRunNarrows...).
    TaskHandle last = dag.task("c0", ctx -> null);
    for (int i = 1; i < window; i++) {
      last = last.then(dag.task("c" + i, ctx -> null));
    }
    for (int i = 0; i < 400; i++) {
      last.then(
          dag.task(
              "t" + i,
              ctx -> {
                started.incrementAndGet();
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
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
    assertThat(started.get()).isEqualTo(400);
    assertThat(most.get()).as("fan bodies at once, on %d slots", slots).isEqualTo(1);
    awaitForgotten();
  }

  /**
   * A body running when the run narrows keeps its slot on top of the narrowed run's one: here it
   * waits for the end of the fan beside it, which runs on the other slot. With the one slot it
   * would wait for ever (no stall widens the run here), as the fan would wait for the slot.
   */
  @Test
  void aBodyRunningWhenTheRunNarrowsDoesNotTakeItsOneSlot() {
    CountDownLatch fanEnded = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("older");
    TaskHandle root = dag.task("root", ctx -> null);
    root.then(dag.task("long", ctx -> fanEnded.await(30, TimeUnit.SECONDS) ? "met" : null));
    TaskHandle join =
        dag.task(
            "fan_ended",
            ctx -> {
              fanEnded.countDown();
              return null;
            });
    for (int i = 0; i < 200; i++) {
      root.then(dag.task("t" + i, ctx -> null)).then(join);
    }
    try (DagRunner runner =
        DagRunner.builder()
            .workerThreads(2)
            .maxActiveTasks(2)
            .pace(narrowAfter(16, NEVER))
            .build()) {
      RunHandle run = runner.start(dag.build(), RunConfig.defaults());
      RunResult result = run.result().orTimeout(60, TimeUnit.SECONDS).join();
      assertThat(result.succeeded()).as("%s", result).isTrue();
      assertThat(result.task("long").output()).isEqualTo("met");
    }
    awaitForgotten();
  }

  /** A run that ended is no longer watched, whatever its stall time (here, never). */
  private static void awaitForgotten() {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (PaceWatch.watched() > 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(PaceWatch.watched()).as("runs still watched once ended").isZero();
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
    List<String> transitions = runNarrowed(dag, BodyPace.Settings.DEFAULT.stallNanos());
    assertThat(transitions).contains("left:success", "right:success");
    // The second of the two waited for the narrowed run's one slot, recorded as Airflow has it.
    assertThat(transitions).containsAnyOf("left:scheduled", "right:scheduled");
  }

  /**
   * An asynchronous body whose future another task completes: that task starts, too, as soon as the
   * body has gone asynchronous (no stall time here, so nothing else could widen the run).
   */
  @Test
  void anAsynchronousBodyWaitingForAnotherTaskGetsItToo() {
    CompletableFuture<String> handOver = new CompletableFuture<>();
    DagBuilder dag = DagBuilder.dag("async");
    fanJoined(dag)
        .then(
            dag.task("waits", ctx -> handOver.thenApply(value -> value + "!")),
            dag.task("hands_over", ctx -> handOver.complete("x")));
    List<String> transitions = runNarrowed(dag, NEVER);
    assertThat(transitions).contains("hands_over:scheduled", "waits:success", "hands_over:success");
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
   * after {@code stallNanos} without a section; returns its transitions.
   */
  private static List<String> runNarrowed(DagBuilder dag, long stallNanos) {
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
            .pace(narrowAfter(window, stallNanos))
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
