package io.processflow.runtime.cli;

import io.processflow.api.internal.schedule.ScheduleSpec;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.schedule.DagRunInfo;
import io.processflow.runtime.schedule.NextRuns;
import io.processflow.runtime.schedule.RunIds;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code next-runs DAG_ID [--count N] [--after INSTANT]}: the logical dates of a scheduled DAG's
 * next runs, Airflow's {@code dags next-execution}.
 */
@Command(
    name = "next-runs",
    mixinStandardHelpOptions = true,
    description =
        "Prints the logical dates of a DAG's next scheduled runs, one per line: the logical date"
            + " (UTC, as Airflow writes it), then the same moment in the DAG's time zone.",
    sortOptions = false,
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:success", "2:bad arguments, an unknown DAG or a DAG without schedule"})
final class NextRunsCommand implements Callable<Integer> {
  private final List<DagProvider> providers;
  private final Clock clock;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The scheduled DAG (see 'list').")
  String dagId;

  @Option(names = "--count", paramLabel = "N", description = "How many runs to print (default: 1).")
  int count = 1;

  @Option(
      names = "--after",
      paramLabel = "INSTANT",
      converter = LogicalDateConverter.class,
      description =
          "Print runs whose logical date is strictly after INSTANT (default: now): 2024-01-31,"
              + " 2024-01-31T06:00 (UTC) or 2024-01-31T06:00:00+01:00.")
  Instant after;

  @Spec CommandSpec spec;

  NextRunsCommand(List<DagProvider> providers, Clock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (count < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--count " + count + " must be at least 1");
    }
    DagDefinition dag = KnownDags.find(providers, dagId, spec.commandLine()).definition();
    ScheduleSpec schedule = dag.schedule();
    if (!dag.timetable().canBeScheduled()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "DAG '"
              + dagId
              + "' has no schedule (manual runs only), so it has no next runs; give it one"
              + " with @Dag(schedule = \"@daily\") or DagBuilder.schedule(\"@daily\")");
    }
    Instant now = clock.instant();
    List<DagRunInfo> runs =
        NextRuns.after(dag.timetable(), schedule, after == null ? now : after, count, now);
    PrintWriter out = spec.commandLine().getOut();
    DateTimeFormatter local = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    for (DagRunInfo run : runs) {
      out.println(
          RunIds.isoformat(run.logicalDate())
              + "  "
              + local.format(run.logicalDate().atZone(schedule.zone()))
              + " "
              + schedule.zone().getId());
    }
    if (runs.size() < count) {
      spec.commandLine()
          .getErr()
          .println(
              runs.isEmpty()
                  ? "DAG '"
                      + dagId
                      + "' has no run after that"
                      + (schedule.end() == null
                          ? ""
                          : " (its endDate is " + RunIds.isoformat(schedule.end()) + ")")
                  : "DAG '"
                      + dagId
                      + "' has no run after "
                      + RunIds.isoformat(runs.get(runs.size() - 1).logicalDate())
                      + (schedule.end() == null
                          ? ""
                          : " (its endDate is " + RunIds.isoformat(schedule.end()) + ")"));
    }
    out.flush();
    return 0;
  }
}
