package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs 300 random DAGs through a launcher shaped like a remote worker queue: tries start late on
 * one pool, outcomes come back from another pool, in any order, some twice at once, and every retry
 * is chased by a stale report of the try before it with the opposite outcome. Some runs are
 * cancelled at a random moment. Checks that the engine's decisions do not depend on where or when
 * bodies run: the final states are the ones the DAG's rules give, every try starts once and in
 * order, stale and duplicate reports change nothing, and every run ends.
 */
class LauncherStressTest {
  private static final int RUNS = 300;
  private static final Set<TaskState> UNSTARTED =
      EnumSet.of(TaskState.NONE, TaskState.SCHEDULED, TaskState.QUEUED);
  private static ExecutorService starters;
  private static ExecutorService reporters;

  @BeforeAll
  static void pools() {
    starters = Executors.newFixedThreadPool(3);
    reporters = Executors.newFixedThreadPool(3);
  }

  /**
   * Lets late work finish first (a run's duplicate reports and starts may still be queued when it
   * ends): a starter handing a report to a stopped pool printed a RejectedExecutionException.
   */
  @AfterAll
  static void shutdown() throws InterruptedException {
    starters.shutdown();
    starters.awaitTermination(30, TimeUnit.SECONDS);
    reporters.shutdown();
    reporters.awaitTermination(30, TimeUnit.SECONDS);
  }

  /** One task: its upstream tasks, its rule, and how many of its first tries fail. */
  record Spec(int[] upstream, TriggerRule rule, int failures, int retries) {
    boolean fails() {
      return failures > retries;
    }
  }

  @Test
  void decisionsDoNotDependOnWhereOrWhenBodiesRun() {
    RandomRounds.repeat("launched run", RUNS, LauncherStressTest::checkOne);
  }

  private static void checkOne(Random random, int round) throws Exception {
    int n = 1 + random.nextInt(60);
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] upstream =
          i == 0
              ? new int[0]
              : random.ints(random.nextInt(Math.min(i, 3) + 1), 0, i).distinct().toArray();
      int failures = random.nextInt(6) == 0 ? 1 + random.nextInt(3) : 0;
      TriggerRule rule = random.nextInt(4) == 0 ? TriggerRule.ALL_DONE : TriggerRule.ALL_SUCCESS;
      specs.add(new Spec(upstream, rule, failures, failures > 0 ? random.nextInt(3) : 0));
    }
    boolean cancel = random.nextInt(5) == 0;
    AtomicIntegerArray lastStarted = new AtomicIntegerArray(n);
    AtomicIntegerArray inTry = new AtomicIntegerArray(n);
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    DagBuilder dag = DagBuilder.dag("launched_" + round);
    dag.defaultArgs().retryDelay(Duration.ofMillis(1));
    for (int i = 0; i < n; i++) {
      Spec spec = specs.get(i);
      dag.task(
              "t" + i,
              ctx -> {
                if (ctx.tryNumber() <= spec.failures()) {
                  throw new IllegalStateException("planned failure");
                }
                return ctx.tryNumber();
              })
          .retries(spec.retries())
          .triggerRule(spec.rule());
      for (int u : spec.upstream()) {
        dag.dependency("t" + u, "t" + i);
      }
    }

    TaskLauncher remote =
        attempt ->
            starters.execute(
                () -> {
                  pause();
                  int i = Integer.parseInt(attempt.taskId().substring(1));
                  if (!attempt.start(timedOut -> {})) {
                    return;
                  }
                  if (inTry.getAndIncrement(i) != 0) {
                    violations.add(attempt.taskId() + " had two tries at once");
                  }
                  if (lastStarted.getAndSet(i, attempt.tryNumber()) != attempt.tryNumber() - 1) {
                    violations.add(
                        attempt.taskId() + " started try " + attempt.tryNumber() + " out of order");
                  }
                  Object output;
                  Throwable error;
                  try {
                    output = attempt.task().operator().execute(attempt.context());
                    error = null;
                  } catch (Exception e) {
                    output = null;
                    error = e;
                  }
                  inTry.decrementAndGet(i);
                  Object value = output;
                  Throwable failure = error;
                  int copies = ThreadLocalRandom.current().nextInt(4) == 0 ? 2 : 1;
                  for (int c = 0; c < copies; c++) {
                    reporters.execute(
                        () -> {
                          pause();
                          if (failure == null) {
                            attempt.succeeded(value);
                          } else {
                            attempt.failed(failure);
                          }
                          if (failure != null) {
                            // Stale: this try ended failed; a success for it must change nothing.
                            reporters.execute(() -> attempt.succeeded("stale"));
                          }
                        });
                  }
                });
    RunResult done;
    try (DagRunner runner = DagRunner.builder().launcher(remote).build()) {
      RunHandle handle =
          runner.start(
              dag.build(), RunConfig.builder().maxActiveTasks(1 + random.nextInt(6)).build());
      if (cancel) {
        Thread.sleep(random.nextInt(3));
        handle.cancel();
      }
      done = handle.result().get(60, TimeUnit.SECONDS);
    }
    assertThat(violations).isEmpty();
    boolean stopped = false;
    for (int i = 0; i < n; i++) {
      TaskInstance task = done.task("t" + i);
      stopped |=
          UNSTARTED.contains(task.state())
              || task.error() != null && task.error().type().endsWith("CancellationException");
    }
    TaskState[] expected = expected(specs);
    for (int i = 0; i < n; i++) {
      TaskState state = done.task("t" + i).state();
      if (cancel) {
        assertThat(state)
            .as("t%d after a cancel", i)
            .isNotIn(TaskState.RUNNING, TaskState.UP_FOR_RETRY);
        if (state == TaskState.SUCCESS) {
          assertThat(expected[i]).isEqualTo(TaskState.SUCCESS);
        }
      } else {
        Spec spec = specs.get(i);
        assertThat(state)
            .as(
                "t%d (%s, %d failures, %d retries, upstream %s)",
                i, spec.rule(), spec.failures(), spec.retries(), Arrays.toString(spec.upstream()))
            .isEqualTo(expected[i]);
        if (state == TaskState.SUCCESS) {
          assertThat((Object) done.task("t" + i).output()).isEqualTo(specs.get(i).failures() + 1);
        }
      }
    }
    if (!cancel) {
      boolean leafFailed = false;
      for (int i = 0; i < n; i++) {
        boolean leaf = true;
        for (Spec other : specs) {
          for (int u : other.upstream()) {
            leaf &= u != i;
          }
        }
        leafFailed |=
            leaf && (expected[i] == TaskState.FAILED || expected[i] == TaskState.UPSTREAM_FAILED);
      }
      assertThat(done.state()).isEqualTo(leafFailed ? DagRunState.FAILED : DagRunState.SUCCESS);
    } else if (stopped) {
      assertThat(done.state()).as("a run its cancel stopped").isEqualTo(DagRunState.FAILED);
    }
  }

  /** What all_success and all_done give, with every failing task out of retries. */
  private static TaskState[] expected(List<Spec> specs) {
    TaskState[] states = new TaskState[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      boolean blocked = false;
      for (int u : spec.upstream()) {
        blocked |= states[u] == TaskState.FAILED || states[u] == TaskState.UPSTREAM_FAILED;
      }
      states[i] =
          blocked && spec.rule() == TriggerRule.ALL_SUCCESS
              ? TaskState.UPSTREAM_FAILED
              : spec.fails() ? TaskState.FAILED : TaskState.SUCCESS;
    }
    return states;
  }

  private static void pause() {
    int roll = ThreadLocalRandom.current().nextInt(8);
    if (roll == 0) {
      Thread.yield();
    } else if (roll == 1) {
      try {
        Thread.sleep(0, 200_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
