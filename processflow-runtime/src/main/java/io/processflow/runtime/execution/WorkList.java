package io.processflow.runtime.execution;

import java.util.Arrays;

/**
 * The tasks that ended in one locked section and whose downstream tasks are still to be told: a
 * growable list of task indices, appended while it is read (see RunExecution#propagate), and
 * emptied at once when the section has told them all.
 */
final class WorkList {
  private int[] items = new int[16];
  private int size;

  int size() {
    return size;
  }

  void add(int task) {
    if (size == items.length) {
      items = Arrays.copyOf(items, items.length * 2);
    }
    items[size++] = task;
  }

  /** The task added {@code k}-th since the last {@link #clear} ({@code 0 <= k < size()}). */
  int get(int k) {
    return items[k];
  }

  void clear() {
    size = 0;
  }
}
