package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.ParamValidationException;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/**
 * Runs a DAG once for the command line: its progress goes to standard error, its summary to
 * {@code out}, the result to the exit code.
 *
 * <p>Ctrl-C and SIGTERM cancel the run: a shutdown hook, registered for the run's duration, cancels
 * it (running tries are interrupted and fail, nothing new starts), waits up to
 * {@link #CANCEL_GRACE} for it to end, and prints the summary; the JVM then exits with the signal's
 * status, 130 for SIGINT and 143 for SIGTERM.
 */
final class DagRuns {
  static final int SUCCEEDED = 0;
  static final int FAILED = 1;
  /** How long a cancelled run may take to end before the JVM exits without its summary. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private DagRuns() {}

  /**
   * Runs {@code dag} as {@code options} say: progress on standard error while it runs, then the
   * summary on standard output.
   *
   * @throws CommandLine.ParameterException before any task runs, for bad options or params
   */
  static int run(DagDefinition dag, RunOptions options, CommandLine commandLine) {
    PrintWriter out = commandLine.getOut();
    ProgressOptions shown = options.progress;
    RunResult result;
    try (ProgressReporter progress =
        ProgressReporter.start(dag, shown.progress, shown.interval, commandLine.getErr())) {
      RunConfig config = options.toConfig(commandLine, dag, progress.progress());
      // The hook is registered before the run starts, so that no signal can slip in between a
      // task starting and the hook being there; it waits for the handle.
      CompletableFuture<RunHandle> started = new CompletableFuture<>();
      Thread hook = new Thread(() -> cancel(started, progress, shown.fullSummary, out), "processflow-cancel");
      Runtime.getRuntime().addShutdownHook(hook);
      try (DagRunner runner = DagRunner.create()) {
        RunHandle handle;
        try {
          handle = runner.start(dag, config);
        } catch (RuntimeException | Error e) {
          started.completeExceptionally(e);
          removeHook(hook);
          if (e instanceof ParamValidationException invalid) {
            throw new CommandLine.ParameterException(
                commandLine, "Invalid value for option '--param': " + invalid.getMessage());
          }
          throw e;
        }
        started.complete(handle);
        try {
          result = join(handle);
        } catch (RuntimeException | Error e) {
          removeHook(hook); // an aborted run: nothing left for the hook to cancel
          throw e;
        }
      }
      if (!removeHook(hook)) {
        // A signal arrived: the hook prints the summary and the JVM exits with the signal's status.
        return FAILED;
      }
    }
    out.print(result.summary(shown.fullSummary));
    out.flush();
    return result.succeeded() ? SUCCEEDED : FAILED;
  }

  /** Removes the hook; false when the JVM is already shutting down (the hook runs or has run). */
  private static boolean removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  private static RunResult join(RunHandle handle) {
    try {
      return handle.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Lets interrupted task bodies finish their cleanup before the JVM exits, within the grace; a
   * body that ignores its interrupt only delays the exit until then.
   */
  private static void awaitBodies(RunHandle handle, long deadline) throws InterruptedException {
    try {
      handle.terminated().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Nothing more to wait for, or no more time to wait.
    }
  }

  /** The shutdown hook: cancels the run, waits for it to end and prints its summary. */
  private static void cancel(
      CompletableFuture<RunHandle> started, ProgressReporter progress, boolean fullSummary, PrintWriter out) {
    long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
    try {
      RunHandle handle = started.get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      handle.cancel();
      try {
        RunResult result = handle.result().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        awaitBodies(handle, deadline);
        progress.close();
        out.print(result.summary(fullSummary));
      } catch (TimeoutException e) {
        out.printf(
            "run %s did not end within %ss of being cancelled%n", handle.runId(), CANCEL_GRACE.toSeconds());
      }
    } catch (ExecutionException | TimeoutException e) {
      // The run never started: there is nothing to cancel or summarise.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }
}
