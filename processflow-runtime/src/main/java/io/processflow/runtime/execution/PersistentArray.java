package io.processflow.runtime.execution;

import java.util.List;

/**
 * A fixed-size immutable array whose {@link #set} returns a new array sharing all but one path
 * with the old one: a 32-way trie, so a set costs O(log32 n) (4 small array copies at 100,000
 * elements) instead of a copy of n elements. This is what keeps a run's state changes cheap.
 */
final class PersistentArray<T> {
  private static final int BITS = 5;
  private static final int WIDTH = 1 << BITS;
  private static final int MASK = WIDTH - 1;

  private final Object[] root;
  private final int shift;
  private final int size;

  private PersistentArray(Object[] root, int shift, int size) {
    this.root = root;
    this.shift = shift;
    this.size = size;
  }

  static <T> PersistentArray<T> of(List<? extends T> values) {
    int size = values.size();
    Object[] level = values.toArray();
    int shift = 0;
    do {
      level = group(level);
      shift += BITS;
    } while (level.length > 1);
    return new PersistentArray<>((Object[]) level[0], shift - BITS, size);
  }

  /** Packs {@code nodes} into nodes of at most {@link #WIDTH} children. */
  private static Object[] group(Object[] nodes) {
    int groups = Math.max(1, (nodes.length + MASK) >>> BITS);
    Object[] parents = new Object[groups];
    for (int g = 0; g < groups; g++) {
      int from = g << BITS;
      int length = Math.min(WIDTH, nodes.length - from);
      Object[] node = new Object[length];
      System.arraycopy(nodes, from, node, 0, length);
      parents[g] = node;
    }
    return parents;
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  T get(int i) {
    Object[] node = root;
    for (int level = shift; level > 0; level -= BITS) {
      node = (Object[]) node[(i >>> level) & MASK];
    }
    return (T) node[i & MASK];
  }

  /** A copy with {@code value} at {@code i}; this same array when it already holds that value. */
  PersistentArray<T> set(int i, T value) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("index " + i + " out of [0, " + size + ")");
    }
    if (get(i) == value) {
      return this;
    }
    return new PersistentArray<>(setIn(root, shift, i, value), shift, size);
  }

  private static Object[] setIn(Object[] node, int level, int i, Object value) {
    Object[] copy = node.clone();
    if (level == 0) {
      copy[i & MASK] = value;
    } else {
      int child = (i >>> level) & MASK;
      copy[child] = setIn((Object[]) node[child], level - BITS, i, value);
    }
    return copy;
  }
}
