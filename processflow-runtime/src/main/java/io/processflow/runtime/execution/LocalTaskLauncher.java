package io.processflow.runtime.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Runs task bodies on a local executor: {@link DagRunner}'s own pool, or the caller's.
 *
 * <p>A blocking body runs on an executor thread, which {@link BodyThread} lets the engine
 * interrupt; an asynchronous body (one that returns a {@link CompletionStage}) gives its thread
 * back at once and keeps its slot until the stage completes, and the future is what the engine
 * cancels. After a try's body, the thread keeps working on one of the tries its outcome made
 * startable instead of handing it to another thread and going idle: a chain then runs on one
 * thread without a wake-up per task (RuntimeBench, chain).
 */
final class LocalTaskLauncher implements TaskLauncher {
  private final SpareThreads threads;

  LocalTaskLauncher(Executor executor) {
    this.threads = executor instanceof SpareThreads spares ? spares : new SpareThreads(executor);
  }

  @Override
  public void launch(TaskTry attempt) {
    EngineTry first = (EngineTry) attempt; // the engine's own tries: see RunExecution#launcher
    threads.execute(() -> runTries(first));
  }

  private void runTries(EngineTry first) {
    for (EngineTry next = first; next != null; ) {
      next = runTry(next);
    }
  }

  /** Runs one try on this thread; returns the try its outcome kept for this thread, or null. */
  private EngineTry runTry(EngineTry attempt) {
    RunExecution run = attempt.run;
    BodyThread body = BodyThread.enter(run, threads);
    // Counted before the try starts, so that terminated() cannot complete between the start and
    // the body; a try that does not start is uncounted at once.
    run.bodyStarting();
    if (!attempt.start(body)) {
      body.exit();
      run.bodyReturned();
      return null;
    }
    Object output = null;
    Throwable error = null;
    try {
      output = attempt.task().operator().execute(attempt);
    } catch (Throwable t) {
      error = t;
    } finally {
      if (body.exit()) {
        threads.returned(); // a body given up at its timeout: no longer counted as running
      } else {
        run.bodyReturned();
      }
    }
    CompletableFuture<?> future = null;
    if (error == null && output instanceof CompletionStage<?> stage) {
      try {
        future = stage.toCompletableFuture(); // may throw UnsupportedOperationException
      } catch (RuntimeException e) {
        error = e;
      }
    }
    if (future == null) {
      return run.reportOnThisThread(attempt, output, error);
    }
    CompletableFuture<?> pending = future;
    if (!attempt.cancelWith(timedOut -> pending.cancel(true))) {
      // The try was ended (timeout, fail-fast, cancel) before its future could be handed over:
      // cancel it here, or it would go on unseen (a shell process beside its own retry).
      pending.cancel(true);
    }
    Thread.interrupted(); // an interrupt meant for the body must not reach the next task
    // Whoever completes the stage only reports the outcome; tries it makes startable are launched.
    pending.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            attempt.succeeded(value);
          } else {
            attempt.failed(unwrap(failure));
          }
        });
    return null;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
