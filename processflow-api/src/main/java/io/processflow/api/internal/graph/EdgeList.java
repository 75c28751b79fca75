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
  static final int BLOCK = 1 << SHIFT;
  private static final int MASK = BLOCK - 1;

  private int[][] from = new int[1][];
  private int[][] to = new int[1][];
  private int size;

  /* The block being filled and how many edges fit before it is full: most adds store two ints. */
  private int[] lastFrom;
  private int[] lastTo;
  private int limit;

  /** Adds edge {@code upstream >> downstream}. */
  public void add(int upstream, int downstream) {
    if (size == limit) {
      grow();
    }
    lastFrom[size & MASK] = upstream;
    lastTo[size & MASK] = downstream;
    size++;
  }

  private void grow() {
    int block = size >>> SHIFT;
    if (block == from.length) {
      from = Arrays.copyOf(from, block * 2);
      to = Arrays.copyOf(to, block * 2);
    }
    if (from[block] == null) {
      // The first block grows up to its full size, so a small DAG stays small.
      from[block] = new int[block == 0 ? 16 : BLOCK];
      to[block] = new int[block == 0 ? 16 : BLOCK];
    } else {
      from[0] = Arrays.copyOf(from[0], Math.min(BLOCK, size * 2));
      to[0] = Arrays.copyOf(to[0], Math.min(BLOCK, size * 2));
    }
    lastFrom = from[block];
    lastTo = to[block];
    limit = (block << SHIFT) + lastFrom.length;
  }

  public int size() {
    return size;
  }

  /** Block {@code b} of upstream ends: edges {@code b * BLOCK ..}, for a pass over all edges. */
  int[] fromBlock(int b) {
    return from[b];
  }

  /** Block {@code b} of downstream ends. */
  int[] toBlock(int b) {
    return to[b];
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
