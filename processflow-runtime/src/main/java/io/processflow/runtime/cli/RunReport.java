package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.journal.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Writes the report of a recorded run for {@code run --report FILE}: a module outside the runtime
 * (the web UI's) provides it through {@link ServiceLoader}, registered in {@code
 * META-INF/services/io.processflow.runtime.cli.RunReport}, so the runtime stays without it.
 */
public interface RunReport {
  /**
   * Writes the report of run {@code runId} of {@code dag}, read from {@code store} (its journal in
   * a runs directory, or a database), to {@code file}.
   */
  void write(DagDefinition dag, RunStore store, String runId, Path file) throws IOException;

  /** The first implementation on the classpath, or {@code null} when there is none. */
  static RunReport find() {
    return ServiceLoader.load(RunReport.class).findFirst().orElse(null);
  }
}
