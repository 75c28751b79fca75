package io.processflow.api.internal.graph;

import java.util.Arrays;

/**
 * Edges as they are declared, for {@link TaskGraph}: each end a task index, or {@code -k - 1} for
 * an id to resolve ({@link TaskGraph#of}). Kept in fixed blocks rather than one array that doubles:
 * a doubling array allocates twice what it holds in copies, which was 20 of the 8 bytes per edge a
 * 100,000-task DAG needs (RuntimeBench, end to end, fan and layered).
 */
public final class EdgeList {
  private static final int SHIFT = 10;
  private static final int BLOCK = 1 << SHIFT;
  private static final int MASK = BLOCK - 1;

  private int[][] from = new int[1][];
  private int[][] to = new int[1][];
  private int size;

  /** Adds edge {@code upstream >> downstream}. */
  public void add(int upstream, int downstream) {
    int block = size >>> SHIFT;
    if (block == from.length) {
      from = Arrays.copyOf(from, block * 2);
      to = Arrays.copyOf(to, block * 2);
    }
    if (from[block] == null) {
      // The first block grows up to its full size, so a small DAG stays small.
      from[block] = new int[block == 0 ? 16 : BLOCK];
      to[block] = new int[block == 0 ? 16 : BLOCK];
    } else if (block == 0 && size == from[0].length) {
      from[0] = Arrays.copyOf(from[0], Math.min(BLOCK, size * 2));
      to[0] = Arrays.copyOf(to[0], Math.min(BLOCK, size * 2));
    }
    from[block][size & MASK] = upstream;
    to[block][size & MASK] = downstream;
    size++;
  }

  public int size() {
    return size;
  }

  /** Edge {@code e}'s upstream end. */
  public int from(int e) {
    return from[e >>> SHIFT][e & MASK];
  }

  /** Edge {@code e}'s downstream end. */
  public int to(int e) {
    return to[e >>> SHIFT][e & MASK];
  }
}
