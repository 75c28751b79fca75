package io.processflow.ui;

import java.util.ArrayDeque;
import java.util.Arrays;

/** The graph's layers: a task sits one layer right of its furthest upstream task. */
final class Layers {
  private Layers() {}

  /**
   * The layer of each node, by index, given each node's upstream nodes: 0 for a node without any,
   * else one more than its upstream's greatest. Nodes on a cycle (never in a valid DAG) get 0.
   */
  static int[] of(int[][] upstream) {
    int n = upstream.length;
    int[] pending = new int[n];
    int[][] downstream = downstream(upstream);
    int[] layer = new int[n];
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      pending[i] = upstream[i].length;
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    while (!ready.isEmpty()) {
      int i = ready.poll();
      for (int d : downstream[i]) {
        layer[d] = Math.max(layer[d], layer[i] + 1);
        if (--pending[d] == 0) {
          ready.add(d);
        }
      }
    }
    return layer;
  }

  /** The reverse edges. */
  static int[][] downstream(int[][] upstream) {
    int n = upstream.length;
    int[] counts = new int[n];
    for (int[] ups : upstream) {
      for (int u : ups) {
        counts[u]++;
      }
    }
    int[][] downstream = new int[n][];
    for (int i = 0; i < n; i++) {
      downstream[i] = new int[counts[i]];
    }
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      for (int u : upstream[i]) {
        downstream[u][counts[u]++] = i;
      }
    }
    return downstream;
  }
}
