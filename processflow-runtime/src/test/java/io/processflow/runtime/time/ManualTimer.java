package io.processflow.runtime.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A timer whose clock moves only when a test calls {@link #advance}; due actions run then, in
 * order.
 */
public final class ManualTimer implements TaskTimer {
  private Instant now = Instant.parse("2024-01-31T00:00:00Z");
  private final List<Scheduled> scheduled = new ArrayList<>();
  private final List<Duration> requested = new ArrayList<>();
  private long sequence;

  private record Scheduled(
      Instant due, long order, Runnable action, CompletableFuture<Void> handle) {}

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Future<?> schedule(Duration delay, Runnable action) {
    CompletableFuture<Void> handle = new CompletableFuture<>();
    requested.add(delay);
    scheduled.add(new Scheduled(now.plus(delay), sequence++, action, handle));
    return handle;
  }

  /** Moves the clock by {@code duration}, running every action that falls due, at its due time. */
  public void advance(Duration duration) {
    Instant end;
    synchronized (this) {
      end = now.plus(duration);
    }
    while (true) {
      Scheduled next;
      synchronized (this) {
        scheduled.removeIf(s -> s.handle().isCancelled());
        next =
            scheduled.stream()
                .filter(s -> !s.due().isAfter(end))
                .min(Comparator.comparing(Scheduled::due).thenComparingLong(Scheduled::order))
                .orElse(null);
        if (next == null) {
          now = end;
          return;
        }
        scheduled.remove(next);
        now = next.due();
      }
      next.handle().complete(null);
      next.action().run();
    }
  }

  /** Every delay asked for so far, in order. */
  public synchronized List<Duration> requestedDelays() {
    return List.copyOf(requested);
  }

  /** How long until the earliest waiting action falls due. */
  public synchronized Duration untilNext() {
    scheduled.removeIf(s -> s.handle().isCancelled());
    return scheduled.stream()
        .map(Scheduled::due)
        .min(Comparator.naturalOrder())
        .map(due -> Duration.between(now, due))
        .orElseThrow(() -> new IllegalStateException("nothing is scheduled"));
  }

  /** Actions waiting to run. */
  public synchronized int pending() {
    scheduled.removeIf(s -> s.handle().isCancelled());
    return scheduled.size();
  }
}
