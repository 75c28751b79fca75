package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs 500 random DAGs of up to 200 tasks, with random shapes, delays, asynchronous and failing
 * tasks, allowToFail flags, pool sizes and maxActiveTasks, and checks every invariant of the runtime
 * on each run against a simple sequential model of the expected outcome.
 */
class RandomDagPropertyTest {
  private static final int DAGS = 500;
  private static final int MAX_TASKS = 200;
  private static final List<ExecutorService> POOLS = new ArrayList<>();

  enum Kind { SYNC_OK, SYNC_FAIL, ASYNC_OK, ASYNC_FAIL }

  record Spec(Kind kind, int delayMicros, boolean allowToFail, int[] upstream) {
    boolean fails() {
      return kind == Kind.SYNC_FAIL || kind == Kind.ASYNC_FAIL;
    }
  }

  @BeforeAll
  static void pools() {
    for (int size : new int[] {1, 2, 4}) {
      POOLS.add(Executors.newFixedThreadPool(size));
    }
  }

  @AfterAll
  static void shutdown() {
    POOLS.forEach(ExecutorService::shutdownNow);
  }

  @Test
  void everyInvariantHoldsOnRandomDags() throws Exception {
    long seed = Long.getLong("processflow.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int round = 0; round < DAGS; round++) {
      long dagSeed = random.nextLong();
      try {
        checkOne(new Random(dagSeed), round);
      } catch (AssertionError | Exception e) {
        throw new AssertionError(
            "random DAG #" + round + " failed (rerun with -Dprocessflow.seed=" + seed + "): " + e.getMessage(), e);
      }
    }
  }

  private static void checkOne(Random random, int round) throws Exception {
    int n = 1 + random.nextInt(MAX_TASKS);
    double failureRate = random.nextDouble() < 0.3 ? 0 : random.nextDouble() * 0.15;
    List<Spec> specs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // Upstream tasks come from earlier positions, so the DAG is acyclic; declaration order is shuffled below.
      int edges = i == 0 ? 0 : random.nextInt(Math.min(i, 4) + 1);
      int[] upstream = i == 0 ? new int[0] : random.ints(edges, 0, i).distinct().toArray();
      boolean async = random.nextBoolean();
      boolean fails = random.nextDouble() < failureRate;
      Kind kind = async ? (fails ? Kind.ASYNC_FAIL : Kind.ASYNC_OK) : (fails ? Kind.SYNC_FAIL : Kind.SYNC_OK);
      int delay = random.nextInt(10) == 0 ? random.nextInt(1_000) : 0;
      specs.add(new Spec(kind, delay, fails && random.nextInt(4) == 0, upstream));
    }
    int maxActive = 1 + random.nextInt(8);
    ExecutorService pool = POOLS.get(random.nextInt(POOLS.size()));

    List<Integer> declarationOrder = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      declarationOrder.add(i);
    }
    Collections.shuffle(declarationOrder, random);

    AtomicIntegerArray runs = new AtomicIntegerArray(n);
    AtomicIntegerArray bodyEnded = new AtomicIntegerArray(n);
    AtomicInteger active = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    DagBuilder dag = DagBuilder.dag("random_" + round);
    for (int i : declarationOrder) {
      Spec spec = specs.get(i);
      dag.task(
          "t" + i,
          ctx -> {
            if (runs.incrementAndGet(i) > 1) {
              violations.add("t" + i + " ran twice");
            }
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            RunState state = ctx.store().getState();
            for (int u : spec.upstream()) {
              if (bodyEnded.get(u) == 0 || !state.task("t" + u).state().isTerminal()) {
                violations.add("t" + i + " started before its upstream t" + u + " ended");
              }
            }
            return body(i, spec, active, bodyEnded);
          })
          .allowToFail(spec.allowToFail());
    }
    for (int i = 0; i < n; i++) {
      for (int u : specs.get(i).upstream()) {
        dag.dependency("t" + u, "t" + i);
      }
    }
    DagDefinition definition = dag.build();

    List<TaskStatusUpdate> updates = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> recorder =
        store -> next -> action -> {
          if (action instanceof TaskStatusUpdate update) {
            updates.add(update);
          }
          return next.dispatch(action);
        };
    RunResult result;
    try (DagRunner runner = DagRunner.builder().executor(pool).build()) {
      result =
          runner
              .runAsync(
                  definition,
                  RunConfig.builder().maxActiveTasks(maxActive).middleware(recorder).build())
              .get(60, TimeUnit.SECONDS); // the run always terminates
    }

    assertThat(violations).isEmpty();
    assertThat(peak.get()).isLessThanOrEqualTo(maxActive);

    // The model: in topological (index) order, a task is upstream_failed when any upstream failed
    // hard or was upstream_failed; otherwise it runs and succeeds or fails as specified.
    TaskState[] expected = new TaskState[n];
    boolean runFails = false;
    for (int i = 0; i < n; i++) {
      Spec spec = specs.get(i);
      boolean blocked = false;
      for (int u : spec.upstream()) {
        Spec up = specs.get(u);
        blocked |= expected[u] == TaskState.UPSTREAM_FAILED || (expected[u] == TaskState.FAILED && !up.allowToFail());
      }
      expected[i] = blocked ? TaskState.UPSTREAM_FAILED : spec.fails() ? TaskState.FAILED : TaskState.SUCCESS;
      runFails |= expected[i] == TaskState.FAILED && !spec.allowToFail();
    }
    assertThat(result.state()).isEqualTo(runFails ? DagRunState.FAILED : DagRunState.SUCCESS);
    for (int i = 0; i < n; i++) {
      TaskInstance task = result.task("t" + i);
      assertThat(task.state()).as("state of t%d", i).isEqualTo(expected[i]);
      assertThat(task.state().isTerminal()).isTrue();
      assertThat(runs.get(i)).as("runs of t%d", i).isEqualTo(expected[i] == TaskState.UPSTREAM_FAILED ? 0 : 1);
      if (expected[i] == TaskState.SUCCESS) {
        assertThat(task.output()).isEqualTo("out" + i);
      }
      if (expected[i] == TaskState.FAILED) {
        assertThat(task.error().message()).isEqualTo("planned failure of t" + i);
      }
    }

    // Each task's transitions arrive in order and only once.
    List<List<TaskState>> perTask = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perTask.add(new ArrayList<>());
    }
    synchronized (updates) {
      for (TaskStatusUpdate update : updates) {
        perTask.get(Integer.parseInt(update.taskId().substring(1))).add(update.state());
      }
    }
    for (int i = 0; i < n; i++) {
      List<TaskState> expectedTransitions =
          expected[i] == TaskState.UPSTREAM_FAILED
              ? List.of(TaskState.UPSTREAM_FAILED)
              : List.of(TaskState.SCHEDULED, TaskState.QUEUED, TaskState.RUNNING, expected[i]);
      assertThat(perTask.get(i)).as("transitions of t%d", i).isEqualTo(expectedTransitions);
    }
  }

  private static Object body(int i, Spec spec, AtomicInteger active, AtomicIntegerArray bodyEnded)
      throws Exception {
    switch (spec.kind()) {
      case SYNC_OK, SYNC_FAIL -> {
        if (spec.delayMicros() > 0) {
          TimeUnit.MICROSECONDS.sleep(spec.delayMicros());
        }
        active.decrementAndGet();
        bodyEnded.set(i, 1);
        if (spec.kind() == Kind.SYNC_FAIL) {
          throw new IllegalStateException("planned failure of t" + i);
        }
        return "out" + i;
      }
      default -> {
        return CompletableFuture.supplyAsync(
            () -> {
              active.decrementAndGet();
              bodyEnded.set(i, 1);
              if (spec.kind() == Kind.ASYNC_FAIL) {
                throw new IllegalStateException("planned failure of t" + i);
              }
              return "out" + i;
            },
            CompletableFuture.delayedExecutor(spec.delayMicros(), TimeUnit.MICROSECONDS));
      }
    }
  }
}
