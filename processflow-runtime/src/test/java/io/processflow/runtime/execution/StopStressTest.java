package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stops 300 random runs midway, by a cancel at a random moment or by a failing task in a failFast
 * DAG, with random shapes, delays, async bodies, pool sizes and slots, and checks what a stop
 * promises: the run ends, {@link RunHandle#terminated()} completes only once no body executes and
 * none starts after it, every try ran at most once, and each task's transitions are well formed.
 */
class StopStressTest {
  private static final int RUNS = 300;
  private static RandomRounds rounds;
  private static final Set<TaskState> END_OF_TRY = EnumSet.of(TaskState.SUCCESS, TaskState.FAILED);

  @BeforeAll
  static void pools() {
    rounds = new RandomRounds();
  }

  @AfterAll
  static void shutdown() {
    rounds.close();
  }

  @Test
  void everyStoppedRunEndsCleanly() {
    RandomRounds.repeat("stopped run", RUNS, StopStressTest::checkOne);
  }

  private static void checkOne(Random random, int round) throws Exception {
    int n = 1 + random.nextInt(80);
    boolean failFast = random.nextBoolean();
    int failing = failFast ? random.nextInt(n) : -1;
    AtomicIntegerArray starts = new AtomicIntegerArray(n);
    AtomicInteger executing = new AtomicInteger();
    AtomicBoolean terminated = new AtomicBoolean();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    DagBuilder dag = DagBuilder.dag("stopped_" + round).failFast(failFast);
    for (int i = 0; i < n; i++) {
      int task = i;
      boolean async = random.nextInt(4) == 0;
      int delayMicros = random.nextInt(3) == 0 ? random.nextInt(400) : 0;
      dag.task(
          "t" + i,
          ctx -> {
            if (terminated.get()) {
              violations.add("t" + task + " started after the run terminated");
            }
            if (starts.incrementAndGet(task) > 1) {
              violations.add("t" + task + " started twice");
            }
            if (async) {
              return CompletableFuture.supplyAsync(
                  () -> {
                    if (task == failing) {
                      throw new IllegalStateException("planned failure of t" + task);
                    }
                    return null;
                  },
                  CompletableFuture.delayedExecutor(delayMicros, TimeUnit.MICROSECONDS));
            }
            executing.incrementAndGet();
            try {
              if (delayMicros > 0) {
                TimeUnit.MICROSECONDS.sleep(delayMicros);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              executing.decrementAndGet();
            }
            if (task == failing) {
              throw new IllegalStateException("planned failure of t" + task);
            }
            return null;
          });
    }
    for (int i = 1; i < n; i++) {
      int edges = random.nextInt(Math.min(i, 3) + 1);
      for (int u : random.ints(edges, 0, i).distinct().toArray()) {
        dag.dependency("t" + u, "t" + i);
      }
    }

    List<TaskStatusUpdate> updates = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> recorder =
        store ->
            next ->
                action -> {
                  if (action instanceof TaskStatusUpdate update) {
                    updates.add(update);
                  }
                  return next.dispatch(action);
                };
    ExecutorService pool = rounds.pool(random);
    RunResult result;
    try (DagRunner runner = DagRunner.builder().executor(pool).build()) {
      RunHandle run =
          runner.start(
              dag.build(),
              RunConfig.builder()
                  .maxActiveTasks(1 + random.nextInt(6))
                  .middleware(recorder)
                  .build());
      if (!failFast) {
        TimeUnit.MICROSECONDS.sleep(random.nextInt(1_500));
        run.cancel();
      }
      result = run.result().get(60, TimeUnit.SECONDS);
      run.terminated().get(60, TimeUnit.SECONDS);
      // Once terminated, no body executes, and none may start from now on.
      terminated.set(true);
      assertThat(executing.get()).as("bodies still executing once terminated").isZero();
    }
    TimeUnit.MILLISECONDS.sleep(2); // give a wrongly started body the chance to show up
    assertThat(violations).isEmpty();

    for (int i = 0; i < n; i++) {
      List<TaskState> states = new ArrayList<>();
      synchronized (updates) {
        for (TaskStatusUpdate u : updates) {
          if (u.taskId().equals("t" + i)) {
            states.add(u.state());
          }
        }
      }
      TaskState last = result.task("t" + i).state();
      assertThat(states.isEmpty() ? TaskState.NONE : states.get(states.size() - 1))
          .as("t%d's last transition is its final state", i)
          .isEqualTo(last);
      // [scheduled] [queued] [running end] or a single end without running (skipped, ...).
      int at = RandomRounds.skipWaits(states, 0);
      if (at < states.size() && states.get(at) == TaskState.RUNNING) {
        at++;
        assertThat(starts.get(i)).as("t%d ran once", i).isLessThanOrEqualTo(1);
        if (at < states.size()) {
          assertThat(states.get(at)).as("t%d: %s", i, states).isIn(END_OF_TRY);
          at++;
        }
      } else if (at < states.size()) {
        assertThat(states.get(at))
            .as("t%d: %s", i, states)
            .isIn(TaskState.SKIPPED, TaskState.UPSTREAM_FAILED);
        assertThat(starts.get(i)).as("t%d never ran", i).isZero();
        at++;
      }
      assertThat(at).as("t%d: %s", i, states).isEqualTo(states.size());
      if (starts.get(i) > 0) {
        assertThat(states).as("t%d ran, so it was recorded running", i).contains(TaskState.RUNNING);
      }
    }
    if (failFast) {
      // Nothing else fails, so the planned failure always runs, and it stops the run.
      assertThat(result.task("t" + failing).state()).isEqualTo(TaskState.FAILED);
      assertThat(result.state()).isEqualTo(io.processflow.api.DagRunState.FAILED);
    }
  }
}
