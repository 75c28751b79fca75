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
 * {@link Settings#widenAboveNanos}, a try that goes asynchronous, an outcome that came from
 * elsewhere (an asynchronous body's, another launcher's), or a run that began no section for {@link
 * Settings#stallNanos} ({@link PaceWatch}, during a long body): a body that waits for another task
 * (a barrier, a future another task completes) never waits for ever. A single slow body among short
 * ones (a pause of the VM or of the garbage collector looks like one) only counts in its window,
 * and for {@link #CLIP_NANOS} at most: widening at each one cost a narrowed fan of trivial tasks 10
 * to 40% (128 wide reports each time, several times a run). Ready tasks are what Airflow's {@code
 * max_active_tasks} caps, never more; fewer run at once only while running more would be slower.
 *
 * <p>Part of the run's state machine: used under the run's lock only.
 */
final class BodyPace {
  /** The thresholds; {@link #DEFAULT} but in tests. */
  record Settings(int window, long narrowBelowNanos, long widenAboveNanos, long stallNanos) {
    /**
     * 128 bodies a window; narrow under 1.5 us on average, widen over 3 us or after 1 ms without a
     * section. The break-even is lower (bodies of about 0.5 us, timed at about 1 us; a 1 us body
     * runs 20% slower narrowed, BodyLengthBench), but two threads running trivial bodies time them
     * at up to 1 us and more on a slow VM (one waits for the other's section), and must narrow.
     */
    static final Settings DEFAULT = new Settings(128, 1_500, 3_000, 1_000_000);
  }

  /**
   * What one body counts for at most in its window's average: a pause of the VM or of the garbage
   * collector (1 to 5 ms, several times a second on the project's VM) otherwise widened a narrowed
   * fan of trivial tasks two to four times a run, for 128 reports each (BodyLengthBench); bodies
   * over the widening threshold still average over it.
   */
  static final long CLIP_NANOS = 50_000;

  private final Settings settings;
  private final int maxActive;
  private boolean narrow;
  private long sum;
  private int count;

  /** The slots whose holders it counts when it narrows (see #older). */
  private Slots slots;

  /**
   * How many times the run narrowed: each task is stamped with it when it takes a slot (see
   * Slots#takenIn), so that the tries that held one before the last narrowing are told apart, even
   * from those that took theirs earlier in the same section, or that start after it.
   */
  private int epoch;

  /**
   * Tries that held a slot when the run narrowed, besides the one whose outcome narrowed it, and
   * have not reported since: each keeps its slot on top of the narrowed run's one, so that a long
   * body running then (or one waiting for a task still to run) does not take the run's one slot and
   * stall it. One that ends without a local report (a timeout, a skip) is never reported as older:
   * the run is then a slot wider than it needs until it widens, never narrower.
   */
  private int older;

  BodyPace(int maxActive, Settings settings) {
    this.maxActive = maxActive;
    this.settings = settings;
  }

  /** How long a narrowed run may go without a section before PaceWatch widens it. */
  long stallNanos() {
    return settings.stallNanos();
  }

  /** Counts the holders of {@code slots} when it narrows; called once, by the slots. */
  void counts(Slots slots) {
    this.slots = slots;
  }

  /** The stamp of a task that takes a slot now (see #epoch). */
  int epoch() {
    return epoch;
  }

  /** How many slots the run's tries may hold now. */
  int limit() {
    return narrow ? Math.min(maxActive, 1 + older) : maxActive;
  }

  boolean narrow() {
    return narrow;
  }

  /**
   * A local body's try of {@code task}, started at {@code startedAt}, reported in the section that
   * began at {@code now} (both monotonic clock readings), before the section decides it. Returns
   * true when this narrowed the run (the caller has the run watched; see PaceWatch).
   */
  boolean reported(int task, long startedAt, long now) {
    if (maxActive == 1) {
      return false; // one slot: nothing to narrow
    }
    if (narrow && older > 0 && slots.takenIn(task) != epoch) {
      older--;
    }
    sum += Math.min(now - startedAt, CLIP_NANOS);
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
    if (narrow) {
      epoch++;
      older = slots == null ? 0 : Math.max(0, slots.active() - 1);
    }
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
    older = 0;
    sum = 0;
    count = 0;
    return was;
  }
}
