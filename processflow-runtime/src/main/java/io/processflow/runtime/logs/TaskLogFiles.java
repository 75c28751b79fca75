package io.processflow.runtime.logs;

import io.processflow.api.internal.graph.TaskIds;
import io.processflow.runtime.journal.Journals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each try of each task keeps its log, as Airflow lays them out: {@code <runs
 * dir>/<dag_id>/<run>/<task_id>/attempt=<try>.log}, where {@code <run>} is the name of the run's
 * journal without {@code .jsonl} (see {@link Journals#runDir}), so a run id of any length or
 * characters maps as its journal does, and no id can reach outside the runs directory. The runtime
 * writes these files when it journals a run; the CLI's {@code logs} and the web UI read them
 * through this class.
 */
public final class TaskLogFiles {
  private static final String PREFIX = "attempt=";
  private static final String SUFFIX = ".log";

  private TaskLogFiles() {}

  /**
   * The log of try {@code tryNumber} of task {@code taskId} in run {@code runId} of DAG {@code
   * dagId}.
   *
   * @throws IllegalArgumentException when an id is not a valid DAG or task id, or the try is below
   *     1
   * @throws io.processflow.runtime.journal.JournalException when the run id is blank or too long
   */
  public static Path file(Path runsDir, String dagId, String runId, String taskId, int tryNumber) {
    return file(taskDir(runsDir, dagId, runId, taskId), tryNumber);
  }

  /** The directory of task {@code taskId}'s logs in run {@code runId}: one file per try. */
  public static Path taskDir(Path runsDir, String dagId, String runId, String taskId) {
    check("DAG", dagId);
    check("task", taskId);
    return Journals.in(runsDir).runDir(dagId, runId).resolve(taskId);
  }

  /** The try numbers of the logs in {@code taskDir}, ascending; empty when it has none. */
  public static List<Integer> tries(Path taskDir) {
    List<Integer> tries = new ArrayList<>();
    if (!Files.isDirectory(taskDir)) {
      return tries;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(taskDir, PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        int tryNumber = tryNumber(file.getFileName().toString());
        if (tryNumber > 0 && Files.isRegularFile(file)) {
          tries.add(tryNumber);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the task logs in " + taskDir, e);
    }
    tries.sort(null);
    return tries;
  }

  static Path file(Path taskDir, int tryNumber) {
    if (tryNumber < 1) {
      throw new IllegalArgumentException("a try number starts at 1; was " + tryNumber);
    }
    return taskDir.resolve(PREFIX + tryNumber + SUFFIX);
  }

  /** The try of a file named {@code attempt=<try>.log}, or 0 for any other name. */
  static int tryNumber(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return 0;
    }
    String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
    if (digits.isEmpty()
        || digits.length() > 9
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0;
    }
    return Integer.parseInt(digits);
  }

  private static void check(String kind, String id) {
    if (!TaskIds.isValid(id)) {
      throw new IllegalArgumentException(
          "'" + TaskIds.shown(id) + "' is not a valid " + kind + " id: " + TaskIds.RULE);
    }
  }
}
