package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs 400 random DAGs of mixed bodies (trivial, spinning, sleeping, asynchronous, failing once,
 * and one pair that waits for each other at a barrier) under random pace thresholds (narrowing at
 * once, never, or at random; widening at random; stalls from 20 us to 2 ms) on random pools and
 * slots. Whatever the pace does, every run ends, every task succeeds with its body run once per
 * try, no more bodies run at once than the run's slots, and the barrier's pair always meets.
 */
class PaceStressTest {
  private static final int RUNS = 400;
  private static ScheduledExecutorService completer;

  @BeforeAll
  static void start() {
    completer = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stop() {
    completer.shutdownNow();
  }

  @Test
  void everyRunEndsWithinItsSlotsWhateverThePace() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int r = 0; r < RUNS; r++) {
      runOne(random, "seed " + seed + ", run " + r);
    }
  }

  private static long randomNanos(Random random, long max) {
    return (long) (Math.pow(random.nextDouble(), 2) * max);
  }

  private static BodyPace.Settings randomSettings(Random random) {
    long never = Long.MAX_VALUE;
    long narrowBelow =
        switch (random.nextInt(3)) {
          case 0 -> never; // narrows at every window
          case 1 -> 0; // never narrows
          default -> randomNanos(random, 10_000);
        };
    return new BodyPace.Settings(
        1 + random.nextInt(48),
        narrowBelow,
        random.nextBoolean() ? never : randomNanos(random, 20_000),
        20_000 + randomNanos(random, 2_000_000));
  }

  private void runOne(Random random, String which) throws Exception {
    int slots = 1 + random.nextInt(4);
    int workers = 1 + random.nextInt(4);
    String label = which + " (" + slots + " slots, " + workers + " threads)";
    BodyPace.Settings settings = randomSettings(random);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("pace_stress");
    List<List<TaskHandle>> layers = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Integer> expectedTries = new ArrayList<>();
    Set<String> edges = new HashSet<>();
    int layerCount = 2 + random.nextInt(7);
    // A pair needs two slots and two threads, pace or not.
    int pairLayer =
        slots >= 2 && workers >= 2 && random.nextBoolean()
            ? 1 + random.nextInt(layerCount - 1)
            : -1;
    CyclicBarrier barrier = new CyclicBarrier(2);
    AtomicIntegerArray bodies = new AtomicIntegerArray(layerCount * 16);
    for (int layer = 0; layer < layerCount; layer++) {
      List<TaskHandle> tasks = new ArrayList<>();
      int width = 1 + random.nextInt(12);
      for (int w = 0; w < width + (layer == pairLayer ? 2 : 0); w++) {
        int index = ids.size();
        String id = "l" + layer + "_" + w;
        boolean paired = layer == pairLayer && w >= width;
        int kind = paired ? -1 : random.nextInt(10);
        long nanos = randomNanos(random, kind == 2 ? 20_000 : 500_000);
        boolean failsOnce = !paired && random.nextInt(10) == 0;
        TaskHandle task =
            dag.task(
                id,
                ctx -> {
                  int now = running.incrementAndGet();
                  most.accumulateAndGet(now, Math::max);
                  try {
                    int tries = bodies.incrementAndGet(index);
                    if (failsOnce && tries == 1) {
                      throw new IllegalStateException("the first try fails");
                    }
                    return body(kind, nanos, barrier);
                  } finally {
                    running.decrementAndGet();
                  }
                });
        if (failsOnce) {
          task.retries(1).retryDelay(Duration.ofMillis(1));
        }
        if (layer > 0) {
          List<TaskHandle> before = layers.get(layer - 1);
          if (paired) {
            for (TaskHandle u : before) {
              u.then(task); // ready together, once the whole layer before has ended
            }
          } else {
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
              int u = random.nextInt(before.size());
              if (edges.add(layer + "_" + u + "->" + id)) {
                before.get(u).then(task);
              }
            }
          }
        }
        tasks.add(task);
        ids.add(id);
        expectedTries.add(failsOnce ? 2 : 1);
      }
      layers.add(tasks);
    }
    try (DagRunner runner =
        DagRunner.builder().workerThreads(workers).maxActiveTasks(slots).pace(settings).build()) {
      RunHandle run = runner.start(dag.build(), RunConfig.defaults());
      RunResult result;
      try {
        result = run.result().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        run.cancel();
        throw new AssertionError(label + ": the run did not end (" + settings + ")", e);
      }
      assertThat(result.succeeded()).as("%s: %s (%s)", label, result, settings).isTrue();
      for (int i = 0; i < ids.size(); i++) {
        TaskInstance task = result.task(ids.get(i));
        assertThat(task.state()).as("%s: %s", label, ids.get(i)).isEqualTo(TaskState.SUCCESS);
        assertThat(bodies.get(i))
            .as("%s: tries of %s", label, ids.get(i))
            .isEqualTo(expectedTries.get(i));
      }
    }
    assertThat(most.get())
        .as("%s: bodies at once, %d slots", label, slots)
        .isLessThanOrEqualTo(slots);
  }

  /** What a body of {@code kind} does: returns at once, spins, sleeps, or goes asynchronous. */
  private static Object body(int kind, long nanos, CyclicBarrier barrier) throws Exception {
    switch (kind) {
      case -1 -> barrier.await(30, TimeUnit.SECONDS);
      case 2 -> {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
      case 3 -> LockSupport.parkNanos(nanos);
      case 4 -> {
        CompletableFuture<Object> later = new CompletableFuture<>();
        completer.schedule(() -> later.complete("later"), nanos, TimeUnit.NANOSECONDS);
        return later;
      }
      default -> {}
    }
    return "done";
  }
}
