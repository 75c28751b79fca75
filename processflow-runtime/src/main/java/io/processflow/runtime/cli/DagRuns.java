package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
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
 * Runs a DAG once for the command line: the summary table goes to {@code out}, the result to the
 * exit code.
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
   * Runs {@code dag} with {@code config}.
   *
   * @throws CommandLine.ParameterException before any task runs, when {@code config} sets a param
   *     the DAG does not declare
   */
  static int run(DagDefinition dag, RunConfig config, CommandLine commandLine) {
    try {
      dag.resolveParams(config.params());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, "Invalid value for option '--param': " + e.getMessage());
    }
    PrintWriter out = commandLine.getOut();
    // The hook is registered before the run starts, so that no signal can slip in between a task
    // starting and the hook being there; it waits for the handle.
    CompletableFuture<RunHandle> started = new CompletableFuture<>();
    Thread hook = new Thread(() -> cancel(started, out), "processflow-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      RunHandle handle;
      try {
        handle = runner.start(dag, config);
      } catch (RuntimeException | Error e) {
        started.completeExceptionally(e);
        removeHook(hook);
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
    out.print(result.summaryTable());
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
  private static void cancel(CompletableFuture<RunHandle> started, PrintWriter out) {
    long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
    try {
      RunHandle handle = started.get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      handle.cancel();
      try {
        RunResult result = handle.result().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        awaitBodies(handle, deadline);
        out.print(result.summaryTable());
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
