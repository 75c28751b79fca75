package io.processflow.runtime.journal;

import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What views (the web UI, the report, the logs command) read of a {@link RunStore}'s runs: the same
 * documents and try logs, whether the store is a runs directory or a database. Ids are only ever
 * looked up: a hostile id reaches no file outside the runs directory and no other query.
 */
public interface RunViews {
  /** The ids of the DAGs with recorded runs, sorted. */
  List<String> dagIds();

  /**
   * A text that changes whenever the log of run {@code runId} grows, cheap to take (a journal's
   * size and time, a database's last row number): views keep what they read of a run until it
   * changes. Null when the run is not recorded.
   */
  String version(String dagId, String runId);

  /**
   * The log of run {@code runId} as a journal file holds it: its JSON documents, headers included,
   * each on a line of its own; null when the run is not recorded. For views that read a few fields
   * of each document; a resume reads the run with {@link RunStore#read}.
   */
  byte[] documents(String dagId, String runId);

  /** The tasks of run {@code runId} that have a log of at least one try, sorted. */
  List<String> loggedTasks(String dagId, String runId);

  /** The tries of task {@code taskId} in run {@code runId} that have a log, ascending. */
  List<Integer> loggedTries(String dagId, String runId, String taskId);

  /**
   * The log of try {@code tryNumber} of task {@code taskId}, or null when the try has none: its
   * last {@code maxBytes} (UTF-8), after a line that says how much is left out when it is longer.
   */
  String tryLog(String dagId, String runId, String taskId, int tryNumber, int maxBytes);

  /** The whole log of a try, for reading line by line, or null when the try has none. */
  Reader openTryLog(String dagId, String runId, String taskId, int tryNumber);

  /**
   * True when run {@code runId} (or one of its resumes) was recorded without its tries' logs
   * ({@link RunStore.TaskLogs#OFF}, the CLI's {@code --no-task-logs}): why a try has none. Reads
   * the run's documents; ask only once a log is missing.
   */
  default boolean keptNoTaskLogs(String dagId, String runId) {
    byte[] documents = documents(dagId, runId);
    if (documents == null) {
      return false;
    }
    try {
      return JournalReader.read(Path.of(dagId, runId), documents, OutputTypes.none())
          .headers()
          .stream()
          .anyMatch(JournalHeader::noTaskLogs);
    } catch (JournalException | UncheckedIOException damaged) {
      return false; // a run that cannot be read tells nothing about its logs
    }
  }
}
