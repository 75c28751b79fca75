package io.processflow.runtime.execution;

import io.processflow.api.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the randomized runtime tests share: seeded rounds that a failure names for a rerun ({@code
 * -Dprocessflow.seed=...}), pools of 1, 2 and 4 threads, and the shape of a try's transitions.
 */
final class RandomRounds implements AutoCloseable {
  /** One round, with its own seeded random. */
  interface Round {
    void run(Random random, int round) throws Exception;
  }

  private final List<ExecutorService> pools = new ArrayList<>();

  RandomRounds() {
    for (int size : new int[] {1, 2, 4}) {
      pools.add(Executors.newFixedThreadPool(size));
    }
  }

  ExecutorService pool(Random random) {
    return pools.get(random.nextInt(pools.size()));
  }

  /** Runs {@code rounds} rounds; a failing one is reported with the seed that reproduces it. */
  static void repeat(String what, int rounds, Round round) {
    long seed = Long.getLong("processflow.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int r = 0; r < rounds; r++) {
      long roundSeed = random.nextLong();
      try {
        round.run(new Random(roundSeed), r);
      } catch (AssertionError | Exception e) {
        throw new AssertionError(
            what
                + " #"
                + r
                + " failed (rerun with -Dprocessflow.seed="
                + seed
                + "): "
                + e.getMessage(),
            e);
      }
    }
  }

  /**
   * Skips the states a try waited in, from {@code at} in {@code states}: {@code scheduled} if it
   * waited for a slot, then {@code queued} if it waited for a worker. Returns where its {@code
   * running} should be.
   */
  static int skipWaits(List<TaskState> states, int at) {
    int i = at;
    if (i < states.size() && states.get(i) == TaskState.SCHEDULED) {
      i++;
    }
    if (i < states.size() && states.get(i) == TaskState.QUEUED) {
      i++;
    }
    return i;
  }

  @Override
  public void close() {
    pools.forEach(ExecutorService::shutdownNow);
  }
}
