package io.processflow.runtime.execution;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Flat combining for the run's hottest locked section, the outcome of a try whose body ran on a
 * worker thread (see RunExecution#reportOnThisThread): a thread that finds another thread deciding
 * leaves its report in a queue and waits, and the deciding thread, the combiner, decides it too
 * before it lets go of the lock, on a core whose cache already holds the run's state.
 *
 * <p>Each report is decided by exactly the section its thread would have run, under the same lock
 * (which the run's other entry points take as before); only the thread differs. What belongs to the
 * reporting thread stays with it: the combiner starts the thread's next try with the thread's own
 * {@link BodyThread} as its canceller, and the thread clears stale interrupts itself once its
 * report is decided (see {@link Request#cancelMark}).
 *
 * <p>A thread that wins {@link #combining} decides its own report at once and then drains the
 * queue; otherwise it pushes its report and waits (spinning, then parked) until the report is
 * decided, or no one combines, or a lease's holder stays away (then it combines itself). A combiner
 * that lets go re-checks the queue after releasing, and a waiter reads {@link #combining} after
 * pushing, so no report is left behind (both are volatile, hence sequentially consistent).
 *
 * <p>The lease: a combiner whose own report handed its thread a next try keeps {@link #combining}
 * while that try's body runs, so that its next report combines at once; the other threads' reports
 * wait for it instead of taking over. Without it, two workers running short bodies took turns at
 * combining, and the run's state moved between their cores in every section (RuntimeBench, end to
 * end, fan: 5 to 10% of a run). A waiter takes a lease over once it has spun {@link #SPINS} times
 * (a long body), and never parks while a lease is held, since only an active combiner is sure to
 * wake it; after a takeover, combiners keep no lease for a while ({@link #LEASE_BACKOFF}), so that
 * long bodies do not make every report spin. A thread whose try goes asynchronous lets go of its
 * lease ({@link #leave}).
 */
final class CombinedSections {
  private static final int SPINS = 1 << 7;
  private static final int DRAINS = 8;

  /** One thread's report of a try, waiting to be decided; one per thread, reused. */
  static final class Request {
    final Thread thread = Thread.currentThread();
    final BodyThread body;
    int task;
    int tryNumber;
    Object output;
    Throwable error;

    /** The section's result (TaskLinks#packed), written by whoever decided it. */
    int packed;

    /**
     * What else the section tells the thread, so that the thread reads none of the run's state
     * after it (each such read pulls a line the combiner writes in every section): the task whose
     * try it started for the thread (the last of the packed list) or TaskLinks#END, that try's
     * number, and whether the run has finished.
     */
    int kept;

    int keptTry;
    boolean ended;

    /**
     * {@link BodyThread#cancels()} as the thread read it before reporting, set by the thread itself
     * (the combiner reading it would pull the thread's line to its core in every section). Only a
     * section that ends a try counts a cancel of it, and a try of this thread is the only one its
     * {@link BodyThread} cancels; so when the section starts a next try for the thread, the report
     * was current there, nothing was counted since the mark, and a higher count later tells the
     * thread that its next try was cancelled (perhaps before it cleared its stale interrupts).
     */
    int cancelMark;

    /**
     * The monotonic clock at the section that started this thread's current try, written by that
     * section: how long its body took is timed from there (see BodyPace).
     */
    long startedNanos;

    private Request next;
    private volatile boolean done;
    private volatile boolean parked;

    Request(BodyThread body) {
      this.body = body;
    }
  }

  /** Decides one report under the lock: sets its packed result, kept try and end; never throws. */
  @FunctionalInterface
  interface Section {
    void decide(Request request);
  }

  private final Object lock;
  private final Runnable sectionStarts;
  private final Section section;
  private final AtomicReference<Request> pending = new AtomicReference<>();

  /**
   * Who combines: no one (null), a thread deciding now ({@link #ACTIVE}), or the request of the
   * thread that holds the lease.
   */
  private final AtomicReference<Object> combining = new AtomicReference<>();

  private static final Object ACTIVE = new Object();

  /**
   * After a waiter had to take a lease over, the next LEASE_BACKOFF combiners that could keep one
   * do not: when bodies outlast a waiter's spins, a lease only makes every report wait for them.
   * Read and written only by the thread that set {@link #combining} to {@link #ACTIVE}.
   */
  private static final int LEASE_BACKOFF = 64;

  private int leaseBackoff;

  CombinedSections(Object lock, Runnable sectionStarts, Section section) {
    this.lock = lock;
    this.sectionStarts = sectionStarts;
    this.section = section;
  }

  /** Decides {@code request}, on this thread or the combiner's; returns once it is decided. */
  void decide(Request request) {
    Object holder = combining.get();
    if ((holder == null || holder == request) && combining.compareAndSet(holder, ACTIVE)) {
      combine(request, true);
      return;
    }
    request.done = false;
    request.parked = false;
    Request head;
    do {
      head = pending.get();
      request.next = head;
    } while (!pending.compareAndSet(head, request));
    int spins = 0;
    while (!request.done) {
      if (spins != 0 && spins < SPINS) {
        // Spinning on its own request only: every read of the shared flag pulls the combiner's
        // line, and the combiner's next write pulls it back. Once read after the push, the flag
        // need not be read again before a takeover is due: any combiner that lets go later sees
        // this request (it re-checks the queue), except one that leaves a lease (an asynchronous
        // try), which the takeover covers.
        spins++;
        Thread.onSpinWait();
        continue;
      }
      holder = combining.get();
      boolean takeOver = holder != null && holder != ACTIVE && spins >= SPINS;
      if (holder == null || takeOver) {
        if (combining.compareAndSet(holder, ACTIVE)) {
          if (takeOver) {
            leaseBackoff = LEASE_BACKOFF; // bodies outlast the spins: stop leasing for a while
          }
          combine(request, false);
        }
      } else if (spins < SPINS) { // a lease (within the spins) or an active combiner
        spins++;
        Thread.onSpinWait();
      } else {
        request.parked = true;
        if (!request.done && combining.get() == ACTIVE) {
          Thread.interrupted(); // a stale interrupt would make park return at once
          LockSupport.park(this);
        }
      }
    }
  }

  /**
   * The thread of {@code request} will not report again soon (its try went asynchronous): it lets
   * go of the lease, if it holds it, so that no report waits for it.
   */
  void leave(Request request) {
    combining.compareAndSet(request, null);
  }

  /** Who combines now (see {@link #combining}): for tests. */
  Object holder() {
    return combining.get();
  }

  /**
   * Decides {@code mine} first if {@code decideMine} (else it is among the queued ones), then the
   * queue; lets go of {@link #combining}, keeping the lease if {@code mine} handed this thread a
   * try.
   */
  private void combine(Request mine, boolean decideMine) {
    Request own = decideMine ? mine : null;
    while (true) {
      synchronized (lock) {
        sectionStarts.run();
        if (own != null) {
          section.decide(own);
          own = null;
        }
        for (int d = 0; d < DRAINS && pending.get() != null; d++) {
          // The first batch is decided at the section's instant (a clock read costs 40 ns here,
          // and with the lease most sections decide one batch): its tries started in earlier
          // sections. A later batch may hold the report of a try that this section started.
          if (d > 0) {
            sectionStarts.run();
          }
          decideInOrder(pending.getAndSet(null));
        }
      }
      Object lease = null;
      if ((decideMine || mine.done) && TaskLinks.first(mine.packed) != TaskLinks.END) {
        if (leaseBackoff > 0) {
          leaseBackoff--;
        } else {
          lease = mine;
        }
      }
      combining.set(lease);
      if (pending.get() == null || !combining.compareAndSet(lease, ACTIVE)) {
        return;
      }
    }
  }

  private void decideInOrder(Request newestFirst) {
    Request oldestFirst = null;
    for (Request r = newestFirst; r != null; ) {
      Request older = r.next;
      r.next = oldestFirst;
      oldestFirst = r;
      r = older;
    }
    for (Request r = oldestFirst; r != null; ) {
      Request later = r.next;
      section.decide(r);
      Thread reporter = r.thread;
      r.next = null;
      r.done = true; // from here on the reporter may reuse r
      if (r.parked) {
        LockSupport.unpark(reporter);
      }
      r = later;
    }
  }
}
