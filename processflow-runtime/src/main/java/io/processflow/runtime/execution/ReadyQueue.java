package io.processflow.runtime.execution;

/**
 * The tasks whose trigger rule let them run, in the order they became ready, waiting for a slot: a
 * ring of task indices that starts small and doubles when full (most runs never have more than a
 * few ready tasks at once, so n slots per run would cost bytes per task for nothing). Its length is
 * a power of two, so a place is a mask rather than a division.
 *
 * <p>It also knows which of its tasks were added since the last {@link #mark}: always its tail,
 * since tasks leave from the head. A locked section records {@code scheduled} only for the tasks it
 * added that still wait when it ends (see Slots#take).
 */
final class ReadyQueue {
  private int[] ring = new int[16];
  private int head;
  private int size;

  /** How many tasks at the tail were added since the last mark. */
  private int unmarked;

  int size() {
    return size;
  }

  void add(int task) {
    if (size == ring.length) {
      int[] grown = new int[ring.length * 2];
      for (int k = 0; k < size; k++) {
        grown[k] = ring[(head + k) & (ring.length - 1)];
      }
      ring = grown;
      head = 0;
    }
    ring[(head + size++) & (ring.length - 1)] = task;
    unmarked++;
  }

  /** Removes and returns the oldest task; the queue must not be empty. */
  int poll() {
    if (size <= unmarked) {
      unmarked--; // it leaves from the unmarked tail
    }
    int task = ring[head];
    head = (head + 1) & (ring.length - 1);
    size--;
    return task;
  }

  /** The task {@code k} places behind the oldest one ({@code 0 <= k < size()}). */
  int get(int k) {
    return ring[(head + k) & (ring.length - 1)];
  }

  /** The place ({@link #get}) of the first task added since the last mark; size() if none. */
  int firstUnmarked() {
    return size - unmarked;
  }

  /** Every task in the queue now counts as added before the mark. */
  void mark() {
    unmarked = 0;
  }

  void clear() {
    size = 0;
    unmarked = 0;
  }
}
