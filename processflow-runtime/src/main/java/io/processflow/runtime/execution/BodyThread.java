package io.processflow.runtime.execution;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread running a local try's body, as the run sees it: what interrupts the body when the
 * engine ends its try, and what gives the thread up to {@link SpareThreads} when the body ignores a
 * timeout's interrupt. One per thread, reused by every body the thread runs.
 */
final class BodyThread implements TryCanceller {
  private static final ThreadLocal<BodyThread> CURRENT = ThreadLocal.withInitial(BodyThread::new);
  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int ABANDONED = 2;

  private final Thread thread = Thread.currentThread();
  private final AtomicInteger state = new AtomicInteger(IDLE);

  /**
   * How many times a try of this thread was cancelled (see CombinedSections.Request#cancelMark).
   */
  private final AtomicInteger cancels = new AtomicInteger();

  /** This thread's report of its last try, for CombinedSections. */
  private final CombinedSections.Request request = new CombinedSections.Request(this);

  /** The run and pool of the body running now; written before its try starts (under the lock). */
  private RunExecution run;

  private SpareThreads threads;

  private BodyThread() {}

  /** The current thread, about to run a body of {@code run} on {@code threads}. */
  static BodyThread enter(RunExecution run, SpareThreads threads) {
    BodyThread body = CURRENT.get();
    body.run = run;
    body.threads = threads;
    body.state.set(RUNNING);
    return body;
  }

  /**
   * This thread, whose body just returned, is about to run the try its report started for it (see
   * RunExecution#reportOnThisThread). Called by the thread itself, after that section, and not by
   * the combiner that may have decided the report (the line would move between cores twice per
   * task). A timeout firing in between finds the thread idle and does not give it up; its
   * interrupt, counted first (see CombinedSections.Request#cancelMark), keeps the body from
   * running, and the late report is ignored like any other.
   */
  void reenter() {
    state.set(RUNNING);
  }

  /** This thread's report (see CombinedSections). */
  CombinedSections.Request request() {
    return request;
  }

  /** How many times a try of this thread was cancelled so far. */
  int cancels() {
    return cancels.get();
  }

  /** The body returned; true when it had been {@link #abandon abandoned} meanwhile. */
  boolean exit() {
    return state.getAndSet(IDLE) == ABANDONED;
  }

  /**
   * Called from another thread once the body's try has ended: true when the body is still running
   * (and is now abandoned), false when it has already returned.
   */
  boolean abandon() {
    return state.compareAndSet(RUNNING, ABANDONED);
  }

  /**
   * Interrupts the body; at a timeout, also gives up a body still running: its task has failed, its
   * slot is free, and {@link LocalBodies#terminated()} no longer waits for it (a body that ignores
   * its interrupt would hold a cancel's grace period and the JVM's exit for good); its thread
   * counts as lost, and the pool replaces it until the body returns (see SpareThreads).
   */
  @Override
  public void cancel(boolean timedOut) {
    // Counted before the interrupt: a thread that consumes the interrupt then sees the count.
    cancels.incrementAndGet();
    thread.interrupt();
    if (timedOut && abandon()) {
      threads.lost();
      run.bodies().givenUp();
    }
  }
}
