package io.processflow.runtime.execution;

/**
 * How many of the run's slots its local task bodies may hold now: all of them ({@code
 * maxActiveTasks}), or one while the bodies are too short for a second thread to pay.
 *
 * <p>Every outcome is decided under the run's lock, so the engine's part of a task runs one at a
 * time whatever the number of workers; with a second worker, each of its outcomes also moves the
 * run's state between two cores' caches (a round trip costs 400 ns on the project's VM). For bodies
 * of a microsecond or less that costs more than the second body saves: a fan of 10,000 such tasks
 * ran at 0.94 us per task on two slots against 0.34 on one, and the two only break even at bodies
 * of 1 to 2 us (BodyLengthBench). So the run measures its local bodies, from the section that
 * started a try to the one that decided its outcome, and when a window of them averages under
 * {@link Settings#narrowBelowNanos} it narrows to one slot: the other ready tasks wait for it
 * ({@code scheduled}), and one thread runs them back to back on one core.
 *
 * <p>It widens again, to every slot, as soon as bodies are not that short: a window averaging over
 * {@link Settings#widenAboveNanos}, an outcome that came from elsewhere (an asynchronous body,
 * another launcher), or a run that began no section for {@link Settings#stallNanos} ({@link
 * PaceWatch}, during a long body): a body that waits for another task (a barrier, a future another
 * task completes) never waits for ever. A single slow body among short ones (a pause of the VM or
 * of the garbage collector looks like one) only counts in its window: widening at each one cost a
 * narrowed fan of trivial tasks 10 to 40% (128 wide reports each time, several times a run). Ready
 * tasks are what Airflow's {@code max_active_tasks} caps, never more; fewer run at once only while
 * running more would be slower.
 *
 * <p>Part of the run's state machine: used under the run's lock only.
 */
final class BodyPace {
  /** The thresholds; {@link #DEFAULT} but in tests. */
  record Settings(int window, long narrowBelowNanos, long widenAboveNanos, long stallNanos) {
    /**
     * 128 bodies a window; narrow under 1.5 us on average (the break-even), widen over 3 us or
     * after 1 ms without a section.
     */
    static final Settings DEFAULT = new Settings(128, 1_500, 3_000, 1_000_000);

    /** Never narrows: every slot, always. */
    static final Settings NEVER = new Settings(Integer.MAX_VALUE, 0, 0, 0);
  }

  private final Settings settings;
  private final int maxActive;
  private boolean narrow;
  private long sum;
  private int count;

  BodyPace(int maxActive, Settings settings) {
    this.maxActive = maxActive;
    this.settings = settings;
  }

  /** How long a narrowed run may go without a section before PaceWatch widens it. */
  long stallNanos() {
    return settings.stallNanos();
  }

  /** How many slots the run's tries may hold now. */
  int limit() {
    return narrow ? 1 : maxActive;
  }

  boolean narrow() {
    return narrow;
  }

  /**
   * A local body's try took {@code nanos}, from its start to its outcome's section. Returns true
   * when this narrowed the run (the caller has the run watched; see PaceWatch).
   */
  boolean reported(long nanos) {
    if (maxActive == 1) {
      return false; // one slot: nothing to narrow
    }
    sum += nanos;
    if (++count < settings.window()) {
      return false;
    }
    long average = sum / count;
    sum = 0;
    count = 0;
    if (narrow) {
      if (average > settings.widenAboveNanos()) {
        widen();
      }
      return false;
    }
    narrow = average < settings.narrowBelowNanos();
    return narrow;
  }

  /** An outcome reported from elsewhere: an asynchronous body, or another launcher's. */
  void reportedElsewhere() {
    widen();
  }

  /** Back to every slot, and a new window; true when it was narrow. */
  boolean widen() {
    boolean was = narrow;
    narrow = false;
    sum = 0;
    count = 0;
    return was;
  }
}
