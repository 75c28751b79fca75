package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.internal.template.AirflowDates;
import io.processflow.runtime.internal.text.TextTable;
import io.processflow.runtime.internal.text.TextTable.Align;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code list-runs DAG_ID}: the recorded runs of a DAG, read from its journals. */
@Command(
    name = "list-runs",
    mixinStandardHelpOptions = true,
    description =
        "Lists the recorded runs of a DAG from its journals: run id, run type, logical date, start,"
            + " end, duration and state.")
final class ListRunsCommand implements Callable<Integer> {
  private static final int TS_WIDTH = 32;

  private final List<DagProvider> providers;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The DAG whose runs to list.")
  String dagId;

  @Mixin RunsDirOption runsDirOption;

  @Option(
      names = "--db",
      paramLabel = "URL",
      description =
          "Lists the runs recorded in this database instead of --runs-dir (see run --db).")
  String db;

  @Spec CommandSpec spec;

  ListRunsCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    List<RunSummary> runs;
    String where;
    try (RunStore store = JournalOptions.store(db, runsDirOption.dir(), spec.commandLine())) {
      runs = store.runs(dagId);
      where = store.where();
    }
    if (runs.isEmpty()
        && providers.stream().noneMatch(provider -> provider.dagId().equals(dagId))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Unknown DAG id '"
              + TerminalText.escape(dagId)
              + "': no runs in "
              + where
              + " and not on the classpath, whose DAGs are: "
              + KnownDags.ids(providers));
    }
    // A run id comes from a journal file: printed escaped, it cannot move the cursor, clear the
    // screen or reorder the line (a newline, ESC, a right-to-left override).
    // Airflow's ts with microseconds: 32 characters.
    TextTable table =
        new TextTable()
            .column("run_id")
            .column("run_type")
            .column("logical_date", TS_WIDTH, Align.LEFT)
            .column("start", TS_WIDTH, Align.LEFT)
            .column("end", TS_WIDTH, Align.LEFT)
            .column("duration", 9, Align.RIGHT)
            .column("state");
    for (RunSummary run : runs) {
      table.row(
          TerminalText.escape(run.runId()),
          run.runType(),
          text(run.logicalDate()),
          text(run.start()),
          text(run.end()),
          duration(run.duration()),
          run.state() + (run.resumes() > 0 ? " (resumed " + run.resumes() + "x)" : ""));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(table);
    out.flush();
    return 0;
  }

  /**
   * Seconds with milliseconds, as Airflow shows a run's duration; {@code -} while it has not ended.
   */
  private static String duration(Duration duration) {
    return duration == null
        ? "-"
        : String.format(Locale.ROOT, "%.3fs", duration.toMillis() / 1000.0);
  }

  private static String text(Instant instant) {
    return instant == null ? "-" : AirflowDates.ts(instant);
  }
}
