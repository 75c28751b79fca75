package io.processflow.runtime.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a delay scheduler that move only when a test says so. */
final class ManualScheduler extends Clock implements DelayScheduler {
  private record Entry(Instant due, long order, Runnable action) {}

  private Instant now;
  private long order;
  private final List<Entry> entries = new ArrayList<>();
  private final List<Duration> requested = new ArrayList<>();

  ManualScheduler(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable action) {
    Entry entry = new Entry(now.plus(delay), order++, action);
    entries.add(entry);
    requested.add(delay);
    return () -> {
      synchronized (this) {
        entries.remove(entry);
      }
    };
  }

  /** Every delay asked for so far, in order. */
  synchronized List<Duration> requestedDelays() {
    return List.copyOf(requested);
  }

  synchronized int pending() {
    return entries.size();
  }

  /** Moves time forward, running every action that falls due, in due order, on this thread. */
  void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      Entry next;
      synchronized (this) {
        next =
            entries.stream()
                .filter(e -> !e.due().isAfter(target))
                .min(Comparator.comparing(Entry::due).thenComparing(Entry::order))
                .orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        entries.remove(next);
        now = next.due();
      }
      next.action().run();
    }
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
