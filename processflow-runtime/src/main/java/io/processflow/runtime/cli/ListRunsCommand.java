package io.processflow.runtime.cli;

import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.template.AirflowDates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code list-runs DAG_ID}: the recorded runs of a DAG, read from its journals. */
@Command(
    name = "list-runs",
    description = "Lists the recorded runs of a DAG from its journals: run id, start, end, state.")
final class ListRunsCommand implements Callable<Integer> {
  private final List<DagProvider> providers;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The DAG whose runs to list.")
  String dagId;

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description = "Where run journals are kept (default: ./processflow-runs).")
  Path runsDir = Journals.DEFAULT_RUNS_DIR;

  @Option(
      names = "--db",
      paramLabel = "URL",
      description = "Lists the runs recorded in this database instead of --runs-dir (see run --db).")
  String db;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
  boolean help;

  @Spec CommandLine.Model.CommandSpec spec;

  ListRunsCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    List<RunSummary> runs;
    String where;
    try (RunStore store = JournalOptions.store(db, runsDir, spec.commandLine())) {
      runs = store.runs(dagId);
      where = store.where();
    }
    List<String> known = new ArrayList<>();
    providers.forEach(provider -> known.add(provider.dagId()));
    if (runs.isEmpty() && !known.contains(dagId)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Unknown DAG id '" + dagId + "': no runs in " + where + " and not on the classpath, whose DAGs are: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }
    // A run id comes from a journal file: printed escaped, it cannot move the cursor, clear the
    // screen or reorder the line (a newline, ESC, a right-to-left override).
    List<String> ids = new ArrayList<>();
    int width = "run_id".length();
    for (RunSummary run : runs) {
      ids.add(TerminalText.escape(run.runId()));
      width = Math.max(width, ids.get(ids.size() - 1).length());
    }
    // Airflow's ts with microseconds: 32 characters.
    String format = "%-" + width + "s  %-32s  %-32s  %s%n";
    PrintWriter out = spec.commandLine().getOut();
    out.printf(format, "run_id", "start", "end", "state");
    for (int i = 0; i < runs.size(); i++) {
      RunSummary run = runs.get(i);
      out.printf(
          format, ids.get(i), text(run.start()), text(run.end()),
          run.state() + (run.resumes() > 0 ? " (resumed " + run.resumes() + "x)" : ""));
    }
    out.flush();
    return 0;
  }

  private static String text(Instant instant) {
    return instant == null ? "-" : AirflowDates.ts(instant);
  }
}
