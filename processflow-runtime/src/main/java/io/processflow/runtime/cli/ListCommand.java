package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.ParamSpec;
import io.processflow.runtime.dsl.TaskOptions;
import io.processflow.runtime.internal.text.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code list}: Airflow's {@code dags list}, with each DAG's schedule and params. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists the DAGs on the classpath: id, description, schedule, the queues their tasks go to"
            + " (when not only 'default'), and each param with its type, default, constraints and"
            + " description.")
final class ListCommand implements Callable<Integer> {
  private final List<DagProvider> providers;

  @Spec CommandSpec spec;

  ListCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    TextTable table = new TextTable().column("dag_id").column("description");
    for (DagProvider provider : providers) {
      if (provider instanceof BrokenDagProvider broken) {
        table.row(provider.dagId(), broken.summary()); // its reason is on standard error
        continue;
      }
      table.row(provider.dagId(), provider.description());
      table.row("", "schedule: " + provider.schedule());
      List<String> queues = provider.queues();
      if (!queues.equals(List.of(TaskOptions.DEFAULT_QUEUE)) && !queues.isEmpty()) {
        table.row("", "queues: " + String.join(", ", queues));
      }
      for (ParamSpec param : provider.paramSpecs()) {
        table.row("", "param " + param.name() + ": " + param.describe());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(table);
    out.flush();
    return 0;
  }
}
