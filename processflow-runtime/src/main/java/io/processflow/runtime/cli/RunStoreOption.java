package io.processflow.runtime.cli;

import io.processflow.runtime.journal.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --runs-dir DIR} or {@code --db URL}: where the runs a command reads are recorded, for the
 * commands that read runs from either (the web UI, {@code report}, {@code logs}); a picocli
 * {@code @Mixin}.
 */
public final class RunStoreOption {
  @Mixin RunsDirOption runsDir;

  @Option(
      names = "--db",
      paramLabel = "URL",
      description =
          "Reads the runs recorded in this database instead of --runs-dir (see run --db), e.g."
              + " jdbc:postgresql://host:5432/db?user=pf; needs processflow-postgres on the classpath.")
  String db;

  /** The database URL given, or null for the runs directory. */
  public String db() {
    return db;
  }

  /**
   * Opens the store the options name, which the caller closes.
   *
   * @throws CommandLine.ParameterException when both are given, or no module on the classpath opens
   *     the URL
   */
  public RunStore open(CommandLine commandLine) {
    return JournalOptions.store(db, runsDir.dir(), commandLine);
  }
}
