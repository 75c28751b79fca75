package io.processflow.test;

import io.processflow.api.RunState;
import io.processflow.runtime.execution.RunHandle;
import java.time.Duration;
import java.time.Instant;

/**
 * A run started by {@link DagTester#start()}: look at its state as it goes, move its clock, then
 * {@link #await()} its end. Closing it cancels the run if it has not ended and frees its pool.
 */
public final class RunningDag implements AutoCloseable {
  private final RunHandle handle;
  private final DagTester tester;
  private final DagTester.Session session;
  private final Instant logicalDate;

  RunningDag(RunHandle handle, DagTester tester, DagTester.Session session, Instant logicalDate) {
    this.handle = handle;
    this.tester = tester;
    this.session = session;
    this.logicalDate = logicalDate;
  }

  /** The run's clock. */
  public TestClock clock() {
    return tester.clock();
  }

  /**
   * Waits until no task body is running on a thread: the run has ended, or waits for the clock (or
   * for an asynchronous task). Call it before looking at the state or advancing the clock.
   */
  public RunningDag settle() {
    RunDriver.settle(handle, session.executor, tester.limit());
    return this;
  }

  /**
   * {@link #settle()}s, moves the clock by {@code duration} (see {@link TestClock#advance}), and
   * settles again.
   */
  public RunningDag advance(Duration duration) {
    settle();
    tester.clock().advance(duration);
    return settle();
  }

  /** The run's state now. */
  public RunState state() {
    return handle.store().getState();
  }

  /** True once the run has ended. */
  public boolean isDone() {
    return handle.result().isDone();
  }

  /** The runtime's handle: its store, to subscribe to, and cancel. */
  public RunHandle handle() {
    return handle;
  }

  /**
   * Waits for the run to end, moving the clock from here on whenever the run waits only for it, and
   * frees the pool.
   */
  public DagRun await() {
    try {
      return new DagRun(
          RunDriver.drive(handle, tester.clock(), session.executor, tester.limit()), logicalDate);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (!handle.result().isDone()) {
      handle.cancel();
    }
    session.close();
  }
}
