package io.processflow.ui;

import io.processflow.runtime.cli.RunReport;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The self-contained report: the run page with its stylesheet inlined, no script, a policy that
 * forbids loading anything, and each try's log written out in the file. Also what {@code run ...
 * --report FILE} writes, through the runtime's {@link RunReport} service.
 */
public final class HtmlRunReport implements RunReport {
  @Override
  public void write(DagDefinition dag, RunStore store, String runId, Path file) throws IOException {
    if (store.views().version(dag.dagId(), runId) == null) {
      throw new IOException(
          "no run '" + runId + "' of DAG '" + dag.dagId() + "' in " + where(store));
    }
    write(store, dag.dagId(), runId, dag, file);
  }

  private static String where(RunStore store) {
    return store instanceof Journals journals
        ? journals.runsDir().toAbsolutePath().normalize().toString()
        : store.where();
  }

  /**
   * The report's HTML of run {@code runId} of {@code dagId} in {@code store}; {@code dag} gives the
   * graph's edges, or is {@code null} for none.
   */
  static String render(RunStore store, String dagId, String runId, DagDefinition dag) {
    byte[] documents = store.views().documents(dagId, runId);
    if (documents == null) {
      throw new IllegalArgumentException(
          "no run '" + runId + "' of DAG '" + dagId + "' in " + store.where());
    }
    RunModel run = RunReading.read(documents, "run '" + runId + "'", dag);
    return RunPage.report(
        run,
        (taskId, tryNumber) ->
            store.views().tryLog(run.dagId(), run.runId(), taskId, tryNumber, LogPage.MAX_BYTES));
  }

  static void write(RunStore store, String dagId, String runId, DagDefinition dag, Path file)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(store, dagId, runId, dag), StandardCharsets.UTF_8);
  }
}
