package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run DAG_ID}: Airflow's {@code dags test}, the same run as a generated DAG's own main. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs one DAG once and prints a summary of its tasks.",
    sortOptions = false)
final class RunCommand implements Callable<Integer> {
  private final List<DagProvider> providers;

  @Parameters(
      index = "0",
      paramLabel = "DAG_ID",
      description = "The id of the DAG to run (see 'list').")
  String dagId;

  @Mixin RunOptions options;

  @Spec CommandSpec spec;

  RunCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    DagProvider provider = KnownDags.find(providers, dagId, spec.commandLine());
    return DagRuns.run(provider.definition(), options, spec.commandLine());
  }
}
