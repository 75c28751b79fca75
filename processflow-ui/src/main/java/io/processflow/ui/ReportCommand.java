package io.processflow.ui;

import io.processflow.runtime.cli.RunStoreOption;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report DAG_ID RUN_ID}: one self-contained HTML file of a recorded run. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Writes one self-contained HTML file of a recorded run (Graph, Gantt, tasks, each try's log):"
            + " no other file or address is needed to read it.")
final class ReportCommand implements Callable<Integer> {
  private final List<DagProvider> dags;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The DAG.")
  String dagId;

  @Parameters(
      index = "1",
      paramLabel = "RUN_ID",
      description = "The recorded run (see 'list-runs').")
  String runId;

  @Mixin RunStoreOption storeOption;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "The file to write (default: <dag_id>-<run file name>.html).")
  Path output;

  @Spec CommandLine.Model.CommandSpec spec;

  ReportCommand(List<DagProvider> dags) {
    this.dags = dags;
  }

  @Override
  public Integer call() throws Exception {
    try (RunStore store = storeOption.open(spec.commandLine())) {
      return write(new UiRuns(store, dags));
    }
  }

  private int write(UiRuns runs) throws java.io.IOException {
    if (!runs.hasRun(dagId, runId)) {
      List<String> known = new ArrayList<>();
      runs.runs(dagId).forEach(run -> known.add(run.runId()));
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "No recorded run '"
              + runId
              + "' of DAG '"
              + dagId
              + "' in "
              + runs.where()
              + "; its runs are: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }
    DagProvider provider = runs.provider(dagId);
    // The journal's file names, whichever store the run is in: the same report file for a run.
    Path journal = Journals.in(Path.of(".")).file(dagId, runId);
    Path file =
        output != null
            ? output
            : Path.of(
                journal.getParent().getFileName()
                    + "-"
                    + journal.getFileName().toString().replaceAll("\\.jsonl$", "")
                    + ".html");
    try {
      HtmlRunReport.write(
          runs.store(), dagId, runId, provider == null ? null : provider.definition(), file);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Cannot write the report to " + file + ": " + Journals.reason(e));
    }
    spec.commandLine().getOut().println("report of run " + runId + " written to " + file);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
