package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunSummary;
import io.processflow.runtime.logs.TaskLogFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * kept it beside its journal (see {@link TaskLogFiles}). Its lines are printed as they are, but
 * with control characters escaped (see {@link TerminalText}; tabs kept), so a task's output cannot
 * drive the terminal.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Prints the log of one try of a task of a recorded run (default: its latest try):"
            + " DIR/<dag_id>/<run>/<task_id>/attempt=<try>.log.")
final class LogsCommand implements Callable<Integer> {
  private final List<DagProvider> providers;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The DAG of the run.")
  String dagId;

  @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run (see 'list-runs').")
  String runId;

  @Parameters(index = "2", paramLabel = "TASK_ID", description = "The task whose log to print.")
  String taskId;

  @Option(names = "--try", paramLabel = "N", description = "Which try (default: the latest).")
  Integer tryNumber;

  @Mixin RunsDirOption runsDirOption;

  @Spec CommandLine.Model.CommandSpec spec;

  LogsCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    Path taskDir;
    Journals journals = Journals.in(runsDirOption.dir());
    try {
      taskDir = TaskLogFiles.taskDir(runsDirOption.dir(), dagId, runId, taskId);
      if (!Files.isRegularFile(journals.file(dagId, runId))) {
        throw bad(unknownRun(journals));
      }
    } catch (IllegalArgumentException | JournalException e) {
      throw bad(e.getMessage());
    }
    List<Integer> tries = TaskLogFiles.tries(taskDir);
    if (tries.isEmpty()) {
      throw bad(
          "No log of task '"
              + taskId
              + "' in run '"
              + shown(runId)
              + "' of DAG '"
              + dagId
              + "': it never ran (skipped, upstream_failed, not started yet) or is not one of its"
              + " tasks; the tasks with logs in this run are: "
              + names(logged(taskDir.getParent())));
    }
    int shown = tryNumber != null ? tryNumber : tries.get(tries.size() - 1);
    if (!tries.contains(shown)) {
      throw bad(
          "Task '"
              + taskId
              + "' of run '"
              + shown(runId)
              + "' has no log of try "
              + shown
              + "; its logged tries are: "
              + names(tries));
    }
    Path file = TaskLogFiles.file(runsDirOption.dir(), dagId, runId, taskId, shown);
    PrintWriter out = spec.commandLine().getOut();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        out.println(escape(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    out.flush();
    return 0;
  }

  private String unknownRun(Journals journals) {
    List<String> runs = new ArrayList<>();
    for (RunSummary run : journals.runs(dagId)) {
      runs.add(shown(run.runId()));
    }
    boolean onClasspath = providers.stream().anyMatch(p -> p.dagId().equals(dagId));
    if (runs.isEmpty() && !onClasspath) {
      List<String> known = new ArrayList<>();
      providers.forEach(provider -> known.add(provider.dagId()));
      return "Unknown DAG id '"
          + dagId
          + "': no runs in "
          + runsDirOption.dir()
          + " and not on the classpath, whose DAGs are: "
          + names(known);
    }
    return "No run '"
        + shown(runId)
        + "' of DAG '"
        + dagId
        + "' in "
        + runsDirOption.dir()
        + "; its recorded runs are: "
        + names(runs);
  }

  /** The tasks of a run's directory that have at least one log. */
  private static List<String> logged(Path runDir) {
    List<String> tasks = new ArrayList<>();
    if (!Files.isDirectory(runDir)) {
      return tasks;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runDir, Files::isDirectory)) {
      for (Path dir : dirs) {
        if (!TaskLogFiles.tries(dir).isEmpty()) {
          tasks.add(dir.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runDir, e);
    }
    tasks.sort(null);
    return tasks;
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
