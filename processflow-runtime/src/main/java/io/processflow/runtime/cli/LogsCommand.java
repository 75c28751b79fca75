package io.processflow.runtime.cli;

import io.processflow.api.internal.graph.TaskIds;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.logs.TaskLogFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logs DAG_ID RUN_ID TASK_ID [--try N]}: prints the log of one try of a task, as the run
 * kept it beside its journal (see {@link TaskLogFiles}) or in its database ({@code --db}). Its
 * lines are printed as they are, but with control characters escaped (see {@link TerminalText};
 * tabs kept), so a task's output cannot drive the terminal.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Prints the log of one try of a task of a recorded run (default: its latest try):"
            + " DIR/<dag_id>/<run>/<task_id>/attempt=<try>.log, or the try's log in the database"
            + " with --db.")
final class LogsCommand implements Callable<Integer> {
  /** Why a run that was recorded without its tries' logs has none. */
  static final String NO_TASK_LOGS =
      "this run kept no task logs (it was started with --no-task-logs)";

  private final List<DagProvider> providers;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The DAG of the run.")
  String dagId;

  @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run (see 'list-runs').")
  String runId;

  @Parameters(index = "2", paramLabel = "TASK_ID", description = "The task whose log to print.")
  String taskId;

  @Option(names = "--try", paramLabel = "N", description = "Which try (default: the latest).")
  Integer tryNumber;

  @Mixin RunStoreOption storeOption;

  @Spec CommandLine.Model.CommandSpec spec;

  LogsCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    try (RunStore store = storeOption.open(spec.commandLine())) {
      print(store);
    }
    return 0;
  }

  private void print(RunStore store) {
    checkId("DAG", dagId);
    checkId("task", taskId);
    if (store.views().version(dagId, runId) == null) {
      throw bad(unknownRun(store));
    }
    List<Integer> tries = store.views().loggedTries(dagId, runId, taskId);
    if (tries.isEmpty()) {
      throw bad(
          "No log of task '"
              + shown(taskId)
              + "' in run '"
              + shown(runId)
              + "' of DAG '"
              + dagId
              + "': "
              + (store.views().keptNoTaskLogs(dagId, runId)
                  ? NO_TASK_LOGS
                  : "it never ran (skipped, upstream_failed, not started yet) or is not one of its"
                      + " tasks; the tasks with logs in this run are: "
                      + names(store.views().loggedTasks(dagId, runId))));
    }
    int shown = tryNumber != null ? tryNumber : tries.get(tries.size() - 1);
    if (!tries.contains(shown)) {
      throw bad(
          "Task '"
              + shown(taskId)
              + "' of run '"
              + shown(runId)
              + "' has no log of try "
              + shown
              + "; its logged tries are: "
              + names(tries)
              + (store.views().keptNoTaskLogs(dagId, runId)
                  ? "; part of this run kept no task logs (--no-task-logs)"
                  : ""));
    }
    PrintWriter out = spec.commandLine().getOut();
    Reader log = store.views().openTryLog(dagId, runId, taskId, shown);
    if (log == null) {
      throw bad("The log of try " + shown + " of task '" + shown(taskId) + "' is gone");
    }
    try (BufferedReader reader = new BufferedReader(log)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        out.println(escape(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of try " + shown, e);
    }
    out.flush();
  }

  private String unknownRun(RunStore store) {
    List<String> runs = new ArrayList<>();
    for (RunSummary run : store.runs(dagId)) {
      runs.add(shown(run.runId()));
    }
    boolean onClasspath = providers.stream().anyMatch(p -> p.dagId().equals(dagId));
    if (runs.isEmpty() && !onClasspath) {
      List<String> known = new ArrayList<>();
      providers.forEach(provider -> known.add(provider.dagId()));
      return "Unknown DAG id '"
          + shown(dagId)
          + "': no runs in "
          + store.where()
          + " and not on the classpath, whose DAGs are: "
          + names(known);
    }
    return "No run '"
        + shown(runId)
        + "' of DAG '"
        + shown(dagId)
        + "' in "
        + store.where()
        + "; its recorded runs are: "
        + names(runs);
  }

  private void checkId(String kind, String id) {
    if (!TaskIds.isValid(id)) {
      throw bad("'" + TaskIds.shown(id) + "' is not a valid " + kind + " id: " + TaskIds.RULE);
    }
  }

  private static String names(List<?> names) {
    StringJoiner joined = new StringJoiner(", ");
    joined.setEmptyValue("(none)");
    names.forEach(name -> joined.add(String.valueOf(name)));
    return joined.toString();
  }

  private static String shown(String id) {
    return TerminalText.escape(id);
  }

  /** A line with its control characters escaped, its tabs kept (stack traces indent with them). */
  static String escape(String line) {
    String[] parts = line.split("\t", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = TerminalText.escape(parts[i]);
    }
    return String.join("\t", parts);
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
