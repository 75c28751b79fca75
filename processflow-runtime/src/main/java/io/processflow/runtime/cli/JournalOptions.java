package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The journal options of one run: where journals go, and which recorded run to resume. */
final class JournalOptions {
  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description = "Where run journals are kept: DIR/<dag_id>/<run_id>.jsonl (default: ./processflow-runs).")
  Path runsDir = Journals.DEFAULT_RUNS_DIR;

  @Option(
      names = "--resume",
      paramLabel = "RUN_ID",
      description = "Resumes a recorded run: keeps the tasks that succeeded, runs the others.")
  String resume;

  @Option(
      names = "--clear",
      paramLabel = "TASK_ID",
      description = "With --resume: runs TASK_ID and its downstream tasks again even if they succeeded; repeatable.")
  List<String> clear = new ArrayList<>();

  @Option(
      names = "--no-fsync",
      description =
          "Writes the journal without forcing it to disk: much faster (each task otherwise waits for"
              + " two fsyncs); a crash of the process still loses nothing, a crash of the machine may"
              + " lose the last transitions.")
  boolean noFsync;

  /**
   * Journals the run in {@link #runsDir}; with {@code --resume}, takes the recorded run's id,
   * logical date and params (explicit {@code --param}s are applied over them afterwards).
   */
  void configure(RunConfig.Builder config, DagDefinition dag, RunOptions run, CommandLine commandLine) {
    Journals journals = Journals.in(runsDir);
    config.recorder(journals.recorder(!noFsync));
    if (resume == null) {
      if (!clear.isEmpty()) {
        throw new CommandLine.ParameterException(
            commandLine, "--clear needs --resume RUN_ID: it clears tasks of a recorded run");
      }
      if (run.runId != null && Files.exists(journals.file(dag.dagId(), run.runId))) {
        throw new CommandLine.ParameterException(
            commandLine,
            "Run '" + run.runId + "' of DAG '" + dag.dagId() + "' already has a journal, "
                + journals.file(dag.dagId(), run.runId) + "; resume it with --resume " + run.runId
                + " or give the new run another --run-id");
      }
      return;
    }
    if (run.runId != null || run.logicalDate != null) {
      throw new CommandLine.ParameterException(
          commandLine,
          "--resume keeps the recorded run's id and logical date; leave out --run-id and --logical-date");
    }
    try {
      RecordedRun recorded = journals.read(dag, resume);
      config.resume(Resumes.plan(dag, recorded, clear));
      config.runId(resume);
      config.logicalDate(recorded.first().logicalDate());
      config.params(recorded.first().params());
    } catch (JournalException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, "Cannot resume run '" + resume + "': " + e.getMessage());
    }
  }
}
