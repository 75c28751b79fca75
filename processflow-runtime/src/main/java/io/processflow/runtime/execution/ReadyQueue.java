package io.processflow.runtime.execution;

/**
 * The tasks whose trigger rule let them run, in the order they became ready, waiting for a slot: a
 * ring of task indices that starts small and grows by half when full (most runs never have more
 * than a few ready tasks at once, so n slots per run would cost bytes per task for nothing), up to
 * the run's task count, which it can never exceed (a task is in it at most once). Growing by half
 * to that bound, not doubling to a power of two, keeps a 100,000-task fan's ring at 400 KB rather
 * than 512 KB and its copies at about as much again: G1 allocates an array of half a region or more
 * (512 KB with a 512 MB heap) outside the young generation, and such allocations start collections
 * (RuntimeBench, end to end, fan).
 *
 * <p>It also knows which of its tasks were added since the last {@link #mark}: always its tail,
 * since tasks leave from the head. A locked section records {@code scheduled} only for the tasks it
 * added that still wait when it ends (see Slots#take).
 */
final class ReadyQueue {
  private final int maxSize;
  private int[] ring;
  private int head;
  private int size;

  /** How many tasks at the tail were added since the last mark. */
  private int unmarked;

  /** A queue that holds at most {@code maxSize} tasks at once (the run's task count). */
  ReadyQueue(int maxSize) {
    this.maxSize = maxSize;
    this.ring = new int[Math.min(16, Math.max(1, maxSize))];
  }

  ReadyQueue() {
    this(Integer.MAX_VALUE);
  }

  int size() {
    return size;
  }

  void add(int task) {
    if (size == ring.length) {
      if (size >= maxSize) {
        throw new IllegalStateException("ready queue of " + maxSize + " tasks is full");
      }
      int[] grown = new int[(int) Math.min(maxSize, Math.max(16L, size + (size >> 1)))];
      for (int k = 0; k < size; k++) {
        grown[k] = get(k);
      }
      ring = grown;
      head = 0;
    }
    ring[place(size++)] = task;
    unmarked++;
  }

  /** Where the task {@code k} places behind the oldest one is in the ring. */
  private int place(int k) {
    int at = head + k;
    return at >= ring.length ? at - ring.length : at;
  }

  /** Removes and returns the oldest task; the queue must not be empty. */
  int poll() {
    if (size <= unmarked) {
      unmarked--; // it leaves from the unmarked tail
    }
    int task = ring[head];
    head = head + 1 == ring.length ? 0 : head + 1;
    size--;
    return task;
  }

  /** The task {@code k} places behind the oldest one ({@code 0 <= k < size()}). */
  int get(int k) {
    return ring[place(k)];
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
