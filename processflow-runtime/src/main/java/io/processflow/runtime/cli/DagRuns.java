package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.io.PrintWriter;

/** Runs a DAG once for the command line: the summary table goes to {@code out}, the result to the exit code. */
final class DagRuns {
  static final int SUCCEEDED = 0;
  static final int FAILED = 1;

  private DagRuns() {}

  static int run(DagDefinition dag, RunConfig config, PrintWriter out) {
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(dag, config);
    }
    out.print(result.summaryTable());
    out.flush();
    return result.succeeded() ? SUCCEEDED : FAILED;
  }
}
