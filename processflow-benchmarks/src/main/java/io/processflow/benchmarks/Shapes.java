package io.processflow.benchmarks;

import java.util.Random;

/** The DAG shapes benchmarked, as upstream index arrays in topological order. */
enum Shapes {
  /** t0 -> t1 -> ... -> tN-1. */
  CHAIN {
    @Override
    int[][] upstream(int n) {
      int[][] up = new int[n][];
      up[0] = new int[0];
      for (int i = 1; i < n; i++) {
        up[i] = new int[] {i - 1};
      }
      return up;
    }
  },
  /** 1 -> N-2 -> 1: one source, N-2 parallel tasks, one N-2-way join. */
  FAN {
    @Override
    int[][] upstream(int n) {
      int[][] up = new int[n][];
      up[0] = new int[0];
      for (int i = 1; i < n - 1; i++) {
        up[i] = new int[] {0};
      }
      int[] all = new int[n - 2];
      for (int i = 0; i < n - 2; i++) {
        all[i] = i + 1;
      }
      up[n - 1] = all;
      return up;
    }
  },
  /** Layers of 100 tasks; each task depends on 1 to 3 random tasks of the layer before (seeded). */
  LAYERED {
    @Override
    int[][] upstream(int n) {
      int width = 100;
      Random random = new Random(42);
      int[][] up = new int[n][];
      for (int i = 0; i < n; i++) {
        int layer = i / width;
        if (layer == 0) {
          up[i] = new int[0];
          continue;
        }
        int previousStart = (layer - 1) * width;
        up[i] =
            random
                .ints(1 + random.nextInt(3), previousStart, previousStart + width)
                .distinct()
                .toArray();
      }
      return up;
    }
  };

  abstract int[][] upstream(int n);

  static int edges(int[][] upstream) {
    int edges = 0;
    for (int[] u : upstream) {
      edges += u.length;
    }
    return edges;
  }
}
