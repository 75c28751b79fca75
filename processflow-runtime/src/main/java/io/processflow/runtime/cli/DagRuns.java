package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import java.io.PrintWriter;
import java.time.Duration;
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
   * Runs {@code provider}'s DAG with {@code config}.
   *
   * @throws CommandLine.ParameterException before any task runs, when {@code config} sets a param
   *     the DAG does not declare
   */
  static int run(DagProvider provider, RunConfig config, CommandLine commandLine) {
    DagDefinition dag = provider.definition();
    try {
      dag.resolveParams(config.params());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, "Invalid value for option '--param': " + e.getMessage());
    }
    PrintWriter out = commandLine.getOut();
    try (DagRunner runner = DagRunner.create()) {
      RunHandle handle = runner.start(dag, config);
      Thread hook = new Thread(() -> cancel(handle, out), "processflow-cancel");
      Runtime.getRuntime().addShutdownHook(hook);
      RunResult result = join(handle);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // A signal arrived: the hook prints the summary and the JVM exits with the signal's status.
        return FAILED;
      }
      out.print(result.summaryTable());
      out.flush();
      return result.succeeded() ? SUCCEEDED : FAILED;
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

  /** The shutdown hook: cancels the run, waits for it to end and prints its summary. */
  private static void cancel(RunHandle handle, PrintWriter out) {
    handle.cancel();
    try {
      RunResult result = handle.result().get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      out.print(result.summaryTable());
    } catch (TimeoutException e) {
      out.printf("run %s did not end within %ss of being cancelled%n", handle.runId(), CANCEL_GRACE.toSeconds());
    } catch (ExecutionException e) {
      out.printf("run %s failed: %s%n", handle.runId(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }
}
