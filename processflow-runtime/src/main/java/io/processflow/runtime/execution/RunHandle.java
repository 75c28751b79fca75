package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.store.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A run in progress: its store, its result, and a way to cancel it. */
public final class RunHandle {
  private final RunExecution run;
  private final CompletableFuture<RunResult> result;

  RunHandle(RunExecution run, CompletableFuture<RunResult> result) {
    this.run = run;
    this.result = result;
  }

  public String runId() {
    return run.runId();
  }

  /** The run's store: subscribe to follow the run as it goes. */
  public Store<RunState> store() {
    return run.store();
  }

  /** The run as it stands now: the summary of a run that was aborted before it ended. */
  public RunResult snapshot() {
    return new RunResult(run.store().getState(), run.dag());
  }

  /** Completes when the run has ended (also after a cancel). */
  public CompletableFuture<RunResult> result() {
    return result;
  }

  /**
   * Waits for the run to end and returns its result; a run aborted by a RuntimeException (a journal
   * that could no longer be written) rethrows that exception itself, not wrapped in a {@link
   * CompletionException}. The one place a run's result is awaited that way.
   */
  public RunResult join() {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Completes after {@link #result()}, once no task body is executing any more: after a cancel,
   * when the interrupted bodies have returned (the CLI waits for it before the JVM exits). A body
   * that was still running when its try timed out is not waited for: it was interrupted then, and a
   * body that ignores its interrupt would otherwise hold the JVM's exit for good.
   */
  public CompletableFuture<Void> terminated() {
    return run.bodies().terminated();
  }

  /**
   * Cancels the run, as Ctrl-C or SIGTERM does: running tries are cancelled (their threads
   * interrupted, their futures cancelled) and fail, no task starts any more, and the run ends
   * {@code failed}. Tasks that had not started keep their state, so a resume runs them.
   */
  public void cancel() {
    run.cancel();
  }
}
