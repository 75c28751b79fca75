package io.processflow.runtime.execution;

/**
 * Lists of tasks linked through one array of n entries: entry {@code i} is the task after {@code
 * i}, or {@link #END}. A locked section links the tries it hands out into a list that its thread
 * walks after releasing the lock; most sections hand out one task, and an array per section would
 * cost 16 bytes per task (RuntimeBench, chain). A task is in one list at a time (it is handed out
 * again only after its try ended), and whoever walks a list reads a task's successor before handing
 * the task out.
 */
final class TaskLinks {
  /** The end of a list, and the empty list. */
  static final int END = -1;

  private final int[] next;

  /**
   * A section's result in one int: the first task of the list it handed out, and whether it
   * recorded its own try a success (for the log line); an int and not an object, because a section
   * runs twice per task (RuntimeBench, bytes per task).
   */
  static int packed(int first, boolean succeeded) {
    return first << 1 | (succeeded ? 1 : 0);
  }

  /** The first task of a {@link #packed} result's list, or {@link #END}. */
  static int first(int packed) {
    return packed >> 1;
  }

  /** Whether a {@link #packed} result's section recorded its try a success. */
  static boolean succeeded(int packed) {
    return (packed & 1) != 0;
  }

  /**
   * The try a section started for the reporting thread, as one long: its task ({@link #END} for
   * none) and its try number. A value, not the request's fields, which the thread's next report
   * reuses.
   */
  static long keptTry(int task, int tryNumber) {
    return (long) task << 32 | (tryNumber & 0xFFFF_FFFFL);
  }

  /** The task of a {@link #keptTry}, or {@link #END}. */
  static int keptTask(long keptTry) {
    return (int) (keptTry >> 32);
  }

  /** The try number of a {@link #keptTry}. */
  static int keptTryNumber(long keptTry) {
    return (int) keptTry;
  }

  TaskLinks(int tasks) {
    this.next = new int[tasks];
  }

  /**
   * Appends {@code task} to the list whose last task is {@code last} ({@link #END}: {@code task}
   * starts a new list); returns {@code task}, the list's new last task.
   */
  int append(int last, int task) {
    next[task] = END;
    if (last != END) {
      next[last] = task;
    }
    return task;
  }

  /** The task after {@code task} in its list, or {@link #END}. */
  int next(int task) {
    return next[task];
  }

  /** How many tasks the list starting at {@code first} holds. */
  int count(int first) {
    int count = 0;
    for (int i = first; i != END; i = next[i]) {
      count++;
    }
    return count;
  }
}
