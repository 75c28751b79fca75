package io.processflow.runtime.cli;

import io.processflow.runtime.journal.Journals;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --runs-dir DIR}, where runs are recorded: the one definition of the option for every
 * command that reads or writes runs, the launcher's and those that modules such as the web UI add
 * (a picocli {@code @Mixin}).
 */
public final class RunsDirOption {
  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description = "Where run journals are kept (default: ./processflow-runs).")
  private Path dir = Journals.DEFAULT_RUNS_DIR;

  /** The runs directory given, or {@code ./processflow-runs}. */
  public Path dir() {
    return dir;
  }
}
