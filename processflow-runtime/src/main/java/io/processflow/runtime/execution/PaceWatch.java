package io.processflow.runtime.execution;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the runs that {@link BodyPace} narrowed to one slot, on one daemon thread for the JVM: a
 * run that began no locked section for its pace's stall time (its one body runs long, or waits for
 * a task that waits for its slot, or went asynchronous) is widened to every slot, and its waiting
 * tasks start. The thread sleeps until the soonest run could have stalled: a run that keeps
 * deciding costs one look per stall time. It reads the real monotonic clock, never the run's {@code
 * TaskTimer}: a test's manual timer must not be able to hold a body that waits for another task.
 *
 * <p>While no run is narrowed the thread is parked and costs nothing; while one is, it wakes once
 * per stall time (1 ms) and reads one clock reading per run. Waking ten thousand times a second
 * instead (a 100 us stall) made a narrowed fan of trivial tasks 40 to 60% slower on the project's
 * 2-core VM, though on the core the run left idle (BodyLengthBench).
 */
final class PaceWatch {
  /** The shortest wait between two looks: the watch never spins. */
  private static final long LEAST_WAIT_NANOS = 20_000;

  private static final Set<RunExecution> RUNS = ConcurrentHashMap.newKeySet();
  private static final Thread THREAD = start();

  private PaceWatch() {}

  private static Thread start() {
    Thread thread = new Thread(PaceWatch::watch, "processflow-pace");
    thread.setDaemon(true);
    thread.setContextClassLoader(null); // started by whichever run narrows first: keeps no loader
    thread.start();
    return thread;
  }

  /** {@code run} was narrowed (under its lock): watched until it stalls or ends. */
  static void watch(RunExecution run) {
    if (RUNS.add(run)) {
      LockSupport.unpark(THREAD);
    }
  }

  /** {@code run} has ended: if it is watched, the watch forgets it now rather than at a stall. */
  static void ended(RunExecution run) {
    if (RUNS.contains(run)) {
      LockSupport.unpark(THREAD);
    }
  }

  /** {@code run} is no longer watched (under its lock; see RunExecution#keepPace). */
  static void forget(RunExecution run) {
    RUNS.remove(run);
  }

  /** How many runs are watched now: for tests. */
  static int watched() {
    return RUNS.size();
  }

  private static void watch() {
    long wait = 0;
    while (true) {
      if (RUNS.isEmpty()) {
        LockSupport.park(PaceWatch.class);
      } else if (wait > 0) {
        LockSupport.parkNanos(PaceWatch.class, Math.max(LEAST_WAIT_NANOS, wait));
      }
      wait = Long.MAX_VALUE;
      for (RunExecution run : RUNS) {
        try {
          long due = run.keepPace();
          if (due > 0) {
            wait = Math.min(wait, due);
          }
        } catch (RuntimeException | Error e) {
          // keepPace decides in one of the run's own sections, which aborts the run itself when
          // the store rejects a transition; nothing else may stop the watch of every other run.
          RUNS.remove(run);
        }
      }
    }
  }
}
