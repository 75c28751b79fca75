package io.processflow.test;

import io.processflow.runtime.time.TaskTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A manual clock for runs under test: time moves only when the test (or {@link DagTester#run()})
 * advances it, and every action due by then (a retry, a sensor's next poke, a timeout) runs at its
 * due time, in order, on the thread that advances. Starts at {@link #DEFAULT_START} unless given
 * another instant.
 */
public final class TestClock implements TaskTimer {
  /** Where a clock starts by default: a fixed instant, so runs are reproducible. */
  public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

  private record Due(Instant at, long order, Runnable action, CompletableFuture<Void> handle)
      implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  private final PriorityQueue<Due> waiting = new PriorityQueue<>();
  private Instant now;
  private long scheduled;

  private TestClock(Instant start) {
    this.now = start;
  }

  /** A clock at {@link #DEFAULT_START}. */
  public static TestClock create() {
    return at(DEFAULT_START);
  }

  /** A clock at {@code start}. */
  public static TestClock at(Instant start) {
    return new TestClock(Objects.requireNonNull(start, "start"));
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Future<?> schedule(Duration delay, Runnable action) {
    CompletableFuture<Void> handle = new CompletableFuture<>();
    Instant at = now.plus(delay.isNegative() ? Duration.ZERO : delay);
    waiting.add(new Due(at, scheduled++, Objects.requireNonNull(action, "action"), handle));
    return handle;
  }

  /**
   * Moves the clock forward by {@code duration}, running every action that falls due on the way.
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward; was " + duration);
    }
    Instant end;
    synchronized (this) {
      end = now.plus(duration);
    }
    while (true) {
      Due next;
      synchronized (this) {
        next = pollDue(end);
        if (next == null) {
          now = end;
          return;
        }
        now = next.at();
      }
      run(next);
    }
  }

  /**
   * Moves the clock to the earliest waiting action and runs it, with every other action due at that
   * instant; false when nothing waits.
   */
  public boolean advanceToNext() {
    Instant at;
    synchronized (this) {
      dropCancelled();
      Due first = waiting.peek();
      if (first == null) {
        return false;
      }
      at = first.at();
    }
    advance(Duration.between(now(), at).isNegative() ? Duration.ZERO : Duration.between(now(), at));
    return true;
  }

  /** When the earliest waiting action falls due, if any. */
  public synchronized Optional<Instant> nextDue() {
    dropCancelled();
    Due first = waiting.peek();
    return first == null ? Optional.empty() : Optional.of(first.at());
  }

  /** How many actions wait for the clock. */
  public synchronized int pending() {
    dropCancelled();
    return waiting.size();
  }

  private Due pollDue(Instant end) {
    dropCancelled();
    Due first = waiting.peek();
    return first == null || first.at().isAfter(end) ? null : waiting.poll();
  }

  private void dropCancelled() {
    waiting.removeIf(due -> due.handle().isCancelled());
  }

  private static void run(Due due) {
    if (due.handle().complete(null)) {
      due.action().run();
    }
  }

  @Override
  public synchronized String toString() {
    return "TestClock[" + now + ", " + waiting.size() + " waiting]";
  }
}
