package io.processflow.runtime.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's task bodies still executing on a thread of this JVM, even if their try was already
 * ended, and {@link #terminated()}, which completes once the run's result is in and none is.
 */
final class LocalBodies {
  private final AtomicInteger running = new AtomicInteger();
  private final CompletableFuture<RunResult> result;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  LocalBodies(CompletableFuture<RunResult> result) {
    this.result = result;
  }

  /** A local body is about to start on this JVM's thread: terminated() waits for it. */
  void starting() {
    running.incrementAndGet();
  }

  /** A local body returned. */
  void returned() {
    running.decrementAndGet();
    check();
  }

  /** A local body that ignored its timeout's interrupt was given up (see BodyThread#cancel). */
  void givenUp() {
    running.decrementAndGet();
  }

  /** Completes {@link #terminated()} once the result is in and the last body has returned. */
  void check() {
    if (result.isDone() && running.get() == 0) {
      terminated.complete(null);
    }
  }

  /**
   * Completes after the run's result, once no local task body is executing any more: after a
   * cancel, when the interrupted bodies have returned. A body given up at its timeout (see
   * BodyThread#cancel) is not waited for.
   */
  CompletableFuture<Void> terminated() {
    return terminated;
  }
}
