package io.processflow.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.internal.graph.Suggestions;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.execution.SingleTaskRun;
import io.processflow.runtime.internal.json.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code test-task DAG_ID TASK_ID}: Airflow's {@code airflow tasks test}. Runs one task alone, with
 * the upstream outputs given as JSON, whatever its upstream tasks would do; nothing downstream runs
 * and no journal is written (see {@link SingleTaskRun}, which the test kit uses too). Prints the
 * task's state, tries, output (as JSON) and error; the task's own log lines go to the logging
 * backend as in a run.
 */
@Command(
    name = "test-task",
    mixinStandardHelpOptions = true,
    description =
        "Runs one task of a DAG alone (Airflow's tasks test): no journal, nothing upstream or"
            + " downstream runs; prints its state, output and error.",
    sortOptions = false,
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:the task succeeded", "1:the task failed", "2:bad arguments"})
final class TestTaskCommand implements Callable<Integer> {
  private final List<DagProvider> providers;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The DAG's id (see 'list').")
  String dagId;

  @Parameters(index = "1", paramLabel = "TASK_ID", description = "The task to run.")
  String taskId;

  @Mixin RunInputs inputs;

  @Option(
      names = "--upstream",
      paramLabel = "TASK=JSON",
      description =
          "The output of another task, as JSON (\"text\", 42, [1,2], {\"a\":1}); repeatable."
              + " Arrives as JSON's Java values: strings, numbers, booleans, lists and maps. A task not given"
              + " has no output.")
  Map<String, String> upstream = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  TestTaskCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    DagDefinition dag = KnownDags.find(providers, dagId, commandLine).definition();
    if (!dag.hasTask(taskId)) {
      throw new CommandLine.ParameterException(
          commandLine,
          "DAG '"
              + dagId
              + "' has no task '"
              + taskId
              + "'"
              + Suggestions.didYouMean(taskId, dag.taskIds())
              + "; its tasks are "
              + dag.taskIds());
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    upstream.forEach((id, json) -> outputs.put(id, parse(commandLine, id, json)));
    RunConfig.Builder config = RunConfig.builder();
    inputs.applyTo(config);
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = SingleTaskRun.run(runner, dag, taskId, outputs, config.build());
    } catch (IllegalArgumentException e) { // an undeclared param, an unknown upstream task
      throw new CommandLine.ParameterException(commandLine, e.getMessage());
    }
    TaskInstance task = result.task(taskId);
    print(commandLine.getOut(), result, task);
    return task.state() == TaskState.SUCCESS ? 0 : 1;
  }

  private static Object parse(CommandLine commandLine, String taskId, String json) {
    try {
      return Json.mapper().readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new CommandLine.ParameterException(
          commandLine,
          "Invalid value for option '--upstream': "
              + taskId
              + "="
              + json
              + " is not JSON ("
              + e.getOriginalMessage()
              + "); quote a string as JSON, e.g. "
              + taskId
              + "='\"text\"'");
    }
  }

  private static void print(PrintWriter out, RunResult result, TaskInstance task) {
    out.printf(
        Locale.ROOT, "task %s of DAG %s, run %s%n", task.taskId(), result.dagId(), result.runId());
    out.printf(
        Locale.ROOT,
        "state:  %s after %d tr%s (%.3fs)%n",
        task.state(),
        task.tryNumber(),
        task.tryNumber() == 1 ? "y" : "ies",
        task.duration().toNanos() / 1e9);
    out.printf("output: %s%n", describe(task.output()));
    if (task.error() != null) {
      out.printf(
          "error:  %s%n",
          task.error().stackTrace() != null
              ? task.error().stackTrace().strip()
              : task.error().summary());
    }
    out.flush();
  }

  private static String describe(Object output) {
    if (output == null) {
      return "(none)";
    }
    try {
      return Json.write(output);
    } catch (UncheckedIOException e) {
      return output + " (" + output.getClass().getName() + ", not JSON)";
    }
  }
}
