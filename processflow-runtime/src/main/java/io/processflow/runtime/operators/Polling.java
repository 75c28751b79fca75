package io.processflow.runtime.operators;

import io.processflow.runtime.time.TaskTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Checks a condition by a {@link PollingPolicy} without holding a thread between checks: the
 * original's polling helper made asynchronous. Cancel the returned future to stop polling.
 */
public final class Polling {
  private Polling() {}

  /** What one check found: done with a value (which may be {@code null}), or not yet. */
  public static final class Check<T> {
    private static final Check<?> NOT_YET = new Check<>(false, null);

    private final boolean done;
    private final T value;

    private Check(boolean done, T value) {
      this.done = done;
      this.value = value;
    }

    public static <T> Check<T> done(T value) {
      return new Check<>(true, value);
    }

    @SuppressWarnings("unchecked")
    public static <T> Check<T> notYet() {
      return (Check<T>) NOT_YET;
    }
  }

  /**
   * Calls {@code check} now and then after each interval until it is {@link Check#done done}, whose
   * value completes the future. The future fails with the exception {@code check} throws, or with
   * {@code onTimeout}'s exception when the policy's timeout passes first.
   */
  public static <T> CompletableFuture<T> poll(
      Callable<Check<T>> check,
      PollingPolicy policy,
      TaskTimer timer,
      Supplier<? extends Exception> onTimeout) {
    Poller<T> poller = new Poller<>(check, policy, timer, onTimeout);
    poller.attempt(policy.minInterval());
    return poller.result;
  }

  private static final class Poller<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final Callable<Check<T>> check;
    private final PollingPolicy policy;
    private final TaskTimer timer;
    private final Supplier<? extends Exception> onTimeout;
    private final Instant deadline;
    private volatile Future<?> pending;

    Poller(
        Callable<Check<T>> check,
        PollingPolicy policy,
        TaskTimer timer,
        Supplier<? extends Exception> onTimeout) {
      this.check = check;
      this.policy = policy;
      this.timer = timer;
      this.onTimeout = onTimeout;
      this.deadline = timer.now().plus(policy.timeout());
      result.whenComplete(
          (value, error) -> {
            Future<?> next = pending;
            if (next != null) {
              next.cancel(false);
            }
          });
    }

    void attempt(Duration interval) {
      if (result.isDone()) {
        return;
      }
      Check<T> found;
      try {
        found = check.call();
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
        return;
      }
      if (found.done) {
        result.complete(found.value);
        return;
      }
      Duration remaining = Duration.between(timer.now(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        result.completeExceptionally(onTimeout.get());
        return;
      }
      Duration wait = interval.compareTo(remaining) < 0 ? interval : remaining;
      pending = timer.schedule(wait, () -> attempt(policy.next(interval)));
      if (result.isDone()) {
        pending.cancel(false);
      }
    }
  }
}
