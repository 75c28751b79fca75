package io.processflow.runtime.cli;

import io.processflow.api.RunState;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.internal.template.AirflowDates;
import io.processflow.runtime.journal.Journals;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of one run, shared by a generated DAG's {@code main} and {@code Launcher run}, with
 * the exit statuses that both document (picocli takes them from the mixin into the command).
 */
@Command(
    sortOptions = false,
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the run succeeded",
      "1:the run failed",
      "2:bad arguments, such as a param the DAG does not declare, or a journal that cannot be used: nothing ran",
      "130:interrupted (Ctrl-C): running tasks cancelled",
      "143:terminated (SIGTERM): running tasks cancelled"
    })
final class RunOptions {
  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description =
          "The run's id (default: manual__<logical date>, which is manual__<now> when no"
              + " --logical-date is given, as in Airflow).")
  String runId;

  @Mixin RunInputs inputs;

  @Option(
      names = "--max-active-tasks",
      paramLabel = "N",
      description =
          "At most N tasks queued or running at once (default: the DAG's, else the number of cores).")
  Integer maxActiveTasks;

  @Mixin JournalOptions journal;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Once the run has ended, writes its report to FILE: one self-contained HTML file (needs processflow-ui on the classpath).")
  java.nio.file.Path report;

  @Mixin ProgressOptions progress;

  /** The run's config, with {@code middleware} on its store. */
  @SafeVarargs
  final RunConfig toConfig(
      CommandLine commandLine, DagDefinition dag, Middleware<RunState>... middleware) {
    RunConfig.Builder config = RunConfig.builder();
    for (Middleware<RunState> m : middleware) {
      config.middleware(m);
    }
    journal.configure(config, dag, this, commandLine);
    inputs.applyTo(config);
    if (runId != null) {
      if (runId.isBlank()) {
        throw new CommandLine.ParameterException(
            commandLine,
            "Invalid value for option '--run-id': it is blank; give a non-blank run id");
      }
      Journals.checkRunId(dag.dagId(), runId);
      config.runId(runId);
    }
    if (maxActiveTasks != null) {
      if (maxActiveTasks < 1) {
        throw new CommandLine.ParameterException(
            commandLine,
            "Invalid value for option '--max-active-tasks': "
                + maxActiveTasks
                + "; it must be at least 1");
      }
      config.maxActiveTasks(maxActiveTasks);
    }
    if (config.build().logicalDate() == null) {
      // Decided here rather than by the runner, so that the progress lines know it (Airflow's
      // retry delays depend on it); the runner would take the same clock's now.
      config.logicalDate(AirflowDates.truncate(Instant.now()));
    }
    return config.build();
  }
}
