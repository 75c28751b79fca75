package io.processflow.runtime.cli;

import io.processflow.runtime.journal.RunStore;
import picocli.CommandLine.Option;

/**
 * {@code --no-task-logs}: the one definition of the option for every command that records runs
 * ({@code run}, {@code scheduler}, {@code backfill}); a picocli {@code @Mixin}.
 */
final class TaskLogsOption {
  @Option(
      names = "--no-task-logs",
      description =
          "Keeps no log of each try (DIR/<dag_id>/<run>/<task_id>/attempt=<try>.log, or its rows"
              + " with --db): saves a directory and a file per try on DAGs of many small tasks."
              + " TaskLog.of(context) still logs to the SLF4J backend; 'logs' and the web UI say"
              + " the run kept none.")
  boolean noTaskLogs;

  /** Whether the runs keep their tries' logs. */
  RunStore.TaskLogs taskLogs() {
    return noTaskLogs ? RunStore.TaskLogs.OFF : RunStore.TaskLogs.KEEP;
  }
}
