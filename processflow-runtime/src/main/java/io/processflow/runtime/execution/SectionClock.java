package io.processflow.runtime.execution;

import io.processflow.runtime.internal.time.WallClock;
import io.processflow.runtime.time.TaskTimer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of a run's locked sections. Each section reads the monotonic clock once, as it begins:
 * that reading is the section's instant (every transition of a section happens at it, through the
 * run's timer, or straight from the reading when the timer is the system's own), times the local
 * bodies the section decides (see BodyPace), and tells {@link PaceWatch} how long the run has gone
 * without a section.
 */
final class SectionClock {
  private final TaskTimer timer;
  private final boolean system;
  private final Transitions record;

  /**
   * The monotonic clock when the last section began: written under the run's lock, read by
   * PaceWatch from its own thread (a release store is a plain one on x86: a section pays no fence).
   */
  private final AtomicLong began = new AtomicLong(System.nanoTime());

  SectionClock(TaskTimer timer, Transitions record) {
    this.timer = timer;
    this.system = timer == TaskTimer.system();
    this.record = record;
  }

  /** Begins a section, under the run's lock. */
  void stamp() {
    long now = System.nanoTime();
    began.setRelease(now);
    record.at(system ? WallClock.at(now) : timer.now());
  }

  /** The monotonic clock when the current section began; under the run's lock. */
  long nanos() {
    return began.getPlain();
  }

  /** How long it has been since the last section began; from any thread. */
  long idleNanos() {
    return System.nanoTime() - began.getAcquire();
  }
}
