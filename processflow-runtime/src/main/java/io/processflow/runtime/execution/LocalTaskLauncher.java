package io.processflow.runtime.execution;

import static io.processflow.runtime.execution.TaskLinks.END;

import java.util.concurrent.CancellationException;
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
 * startable instead of handing it to another thread and going idle: a chain then runs on one thread
 * without a wake-up per task (RuntimeBench, chain).
 *
 * <p>Its tries come from the engine of this package, so it talks to the run by task index and try
 * number instead of through {@link TaskTry}: a kept try's context is then made where its body runs,
 * and the JIT can keep it off the heap (RuntimeBench, bytes per task).
 */
final class LocalTaskLauncher implements TaskLauncher {
  private final SpareThreads threads;

  LocalTaskLauncher(Executor executor) {
    this.threads = executor instanceof SpareThreads spares ? spares : new SpareThreads(executor);
  }

  @Override
  public void launch(TaskTry attempt) {
    threads.execute((EngineTry) attempt); // the engine's own tries (see EngineTry#run)
  }

  /**
   * Runs try {@code tryNumber} of task {@code i}, then every try its outcomes keep for this thread
   * (each started by the section that recorded the outcome before it: see
   * RunExecution#reportOnThisThread).
   */
  void runTries(RunExecution run, int i, int tryNumber) {
    BodyThread body = BodyThread.enter(run, threads);
    // Counted before the try starts, so that terminated() cannot complete between the start and
    // the body; a try that does not start is uncounted at once.
    run.bodies().starting();
    if (!run.startTry(i, tryNumber, body)) {
      body.exit();
      run.bodies().returned();
      return;
    }
    long next = runStarted(run, body, i, tryNumber);
    while (TaskLinks.keptTask(next) != END) {
      next = runStarted(run, body, TaskLinks.keptTask(next), TaskLinks.keptTryNumber(next));
    }
  }

  /**
   * Runs the body of started try {@code tryNumber} of task {@code i} on this thread and reports it;
   * returns the try the report started for this thread (TaskLinks#keptTry; task END: none).
   */
  private long runStarted(RunExecution run, BodyThread body, int i, int tryNumber) {
    Object output = null;
    Throwable error = null;
    if (Thread.interrupted()) {
      // The engine interrupts a try's thread only when it ends the try (a cancel, fail-fast, a
      // timeout): this one ended after it started and before its body, which must not run now.
      error = new CancellationException("its try ended before its body started");
    } else {
      try {
        output = run.task(i).operator().execute(new EngineTry(run, i, tryNumber));
      } catch (Throwable t) {
        error = t;
      }
    }
    boolean counted = true;
    if (body.exit()) {
      threads.returned(); // a body given up at its timeout: no longer counted as running
      counted = false;
    }
    if (error == null && output instanceof CompletionStage<?> stage) {
      CompletableFuture<?> future = null;
      try {
        future = stage.toCompletableFuture(); // may throw UnsupportedOperationException
      } catch (RuntimeException e) {
        error = e;
      }
      if (future != null) {
        if (counted) {
          run.bodies().returned();
        }
        run.leaveCombining(body);
        awaitAsync(new EngineTry(run, i, tryNumber), future);
        run.wentAsynchronous();
        return TaskLinks.keptTry(END, 0);
      }
    }
    return run.reportOnThisThread(body, i, tryNumber, output, error, counted);
  }

  /**
   * An asynchronous body returned {@code future}: the try keeps its slot but no thread, and whoever
   * completes the future reports the outcome (tries it makes startable are launched).
   */
  private static void awaitAsync(EngineTry attempt, CompletableFuture<?> future) {
    if (!attempt.cancelWith(timedOut -> future.cancel(true))) {
      // The try was ended (timeout, fail-fast, cancel) before its future could be handed over:
      // cancel it here, or it would go on unseen (a shell process beside its own retry).
      future.cancel(true);
    }
    Thread.interrupted(); // an interrupt meant for the body must not reach the next task
    future.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            attempt.succeeded(value);
          } else {
            attempt.failed(unwrap(failure));
          }
        });
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
