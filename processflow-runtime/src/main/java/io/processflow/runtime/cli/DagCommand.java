package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line of one DAG, behind the {@code main} of every generated {@code ProcessFlowFoo}:
 * runs the DAG once, shows its progress, prints its summary, and exits 0 when the run succeeded, 1
 * when it failed and 2 for bad arguments (with a usage message naming the bad one, such as a {@code
 * --param} the DAG does not declare). Ctrl-C and SIGTERM cancel the running tasks, print the
 * summary and exit 130 and 143. Not for direct use.
 */
@Command(
    mixinStandardHelpOptions = true,
    description = "Runs the DAG once and prints a summary of its tasks.",
    sortOptions = false)
public final class DagCommand implements Callable<Integer> {
  private final DagProvider provider;

  @Mixin RunOptions options;

  @Spec CommandSpec spec;

  private DagCommand(DagProvider provider) {
    this.provider = provider;
  }

  /** Parses {@code args}, runs the DAG once and returns the exit status. */
  public static int execute(DagProvider provider, String... args) {
    CommandLine commandLine = new CommandLine(new DagCommand(provider));
    commandLine.setCommandName(provider.getClass().getName());
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    DagDefinition dag = provider.definition();
    return DagRuns.run(dag, options, spec.commandLine());
  }
}
