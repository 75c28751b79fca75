package io.processflow.ui;

import io.processflow.runtime.cli.RunReport;
import io.processflow.runtime.dsl.DagDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The self-contained report: the run page with its stylesheet inlined, no script, a policy that
 * forbids loading anything, and each try's log written out in the file. Also what {@code run ...
 * --report FILE} writes, through the runtime's {@link RunReport} service.
 */
public final class HtmlRunReport implements RunReport {
  @Override
  public void write(DagDefinition dag, Path runsDir, String runId, Path file) throws IOException {
    RunsDir runs = new RunsDir(runsDir, List.of());
    Path journal = runs.journal(dag.dagId(), runId);
    if (journal == null) {
      throw new IOException(
          "no journal of run '" + runId + "' of DAG '" + dag.dagId() + "' in " + runs.path());
    }
    write(runs, journal, dag, file);
  }

  /** The report's HTML of the run journaled in {@code journal}. */
  static String render(RunsDir runs, Path journal, DagDefinition dag) {
    RunModel run = RunReading.read(journal, dag);
    return RunPage.report(
        run,
        (taskId, tryNumber) -> {
          Path log = runs.tryLog(run.dagId(), run.runId(), taskId, tryNumber);
          return log != null && runs.inside(log) ? LogPage.read(log) : null;
        });
  }

  static void write(RunsDir runs, Path journal, DagDefinition dag, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(runs, journal, dag), StandardCharsets.UTF_8);
  }
}
