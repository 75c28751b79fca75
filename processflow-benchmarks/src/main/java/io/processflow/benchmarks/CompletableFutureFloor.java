package io.processflow.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/** RuntimeBench's floor: a hand-wired {@code CompletableFuture} graph on the same shapes. */
final class CompletableFutureFloor {
  private CompletableFutureFloor() {}

  /**
   * The end-to-end floor: the futures wired in every run, each task reading its parents' results
   * (already complete when it runs) and returning the same constant.
   */
  static long runFloorEndToEnd(ForkJoinPool pool, int[][] upstream) {
    long start = System.nanoTime();
    int n = upstream.length;
    @SuppressWarnings("unchecked")
    CompletableFuture<Object>[] futures = new CompletableFuture[n];
    for (int i = 0; i < n; i++) {
      int[] up = upstream[i];
      if (up.length == 0) {
        futures[i] = CompletableFuture.supplyAsync(() -> EndToEndMode.OUTPUT, pool);
      } else if (up.length == 1) {
        futures[i] =
            futures[up[0]].thenApplyAsync(
                value -> {
                  if (value != EndToEndMode.OUTPUT) {
                    throw new IllegalStateException("no output");
                  }
                  return EndToEndMode.OUTPUT;
                },
                pool);
      } else {
        CompletableFuture<?>[] ups = new CompletableFuture<?>[up.length];
        for (int k = 0; k < up.length; k++) {
          ups[k] = futures[up[k]];
        }
        futures[i] =
            CompletableFuture.allOf(ups)
                .thenApplyAsync(
                    ignored -> {
                      for (CompletableFuture<?> parent : ups) {
                        if (parent.join() != EndToEndMode.OUTPUT) {
                          throw new IllegalStateException("no output");
                        }
                      }
                      return EndToEndMode.OUTPUT;
                    },
                    pool);
      }
    }
    for (CompletableFuture<Object> f : futures) {
      f.join();
    }
    return System.nanoTime() - start;
  }

  /** The floor: one CompletableFuture per task, each started when its upstream futures complete. */
  static long runFloor(ForkJoinPool pool, int[][] upstream) {
    long start = System.nanoTime();
    int n = upstream.length;
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] futures = new CompletableFuture[n];
    Runnable task = () -> {};
    for (int i = 0; i < n; i++) {
      int[] up = upstream[i];
      if (up.length == 0) {
        futures[i] = CompletableFuture.runAsync(task, pool);
      } else if (up.length == 1) {
        futures[i] = futures[up[0]].thenRunAsync(task, pool);
      } else {
        CompletableFuture<?>[] ups = new CompletableFuture<?>[up.length];
        for (int k = 0; k < up.length; k++) {
          ups[k] = futures[up[k]];
        }
        futures[i] = CompletableFuture.allOf(ups).thenRunAsync(task, pool);
      }
    }
    for (CompletableFuture<Void> f : futures) {
      f.join();
    }
    return System.nanoTime() - start;
  }
}
