package io.processflow.runtime.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The run locks a {@link RunStore} took with {@link RunStore#lock}, which its recorder uses instead
 * of taking its own: a resume locks the run before reading it and records it under the same lock.
 *
 * @param <L> the store's lock
 */
public final class HeldLocks<L extends RunStore.Lock> {
  private final Map<Object, L> held = new ConcurrentHashMap<>();
  private final Predicate<L> isHeld;

  /** Locks that {@code isHeld} says are still held (not closed). */
  public HeldLocks(Predicate<L> isHeld) {
    this.isHeld = isHeld;
  }

  /** Remembers {@code lock}, the lock of the run {@code key} names; returns it. */
  public L hold(Object key, L lock) {
    held.put(key, lock);
    return lock;
  }

  /**
   * Opens a recording under the lock of run {@code key}: the lock {@link #hold} remembered while it
   * is held (its taker releases it; {@code open} gets {@code null}), else a new one from {@code
   * take}, handed to {@code open} to release with the recording, and released here when {@code
   * open} fails.
   */
  public <R> R open(Object key, Supplier<L> take, Function<L, R> open) {
    L taken = held.get(key);
    if (taken != null && isHeld.test(taken)) {
      return open.apply(null);
    }
    if (taken != null) {
      held.remove(key, taken); // released by its taker
    }
    L lock = take.get();
    try {
      return open.apply(lock);
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }
}
