package io.processflow.runtime.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One process at a time for a job on a runs directory: one scheduler per runs directory (an
 * exclusive lock on {@code <runs dir>/.scheduler.lock}), one backfill per DAG ({@code <runs
 * dir>/<dag_id>/.backfill.lock}). Held for the process's job and released by the operating system
 * when the process ends, also on {@code kill -9}. Like {@link RunLock}, the file names its holder
 * and is never deleted.
 */
public final class ProcessLock implements AutoCloseable {
  /** The scheduler's lock file in the runs directory (a dot first: no DAG id is hidden). */
  public static final String SCHEDULER_FILE = ".scheduler.lock";

  /** The backfill's lock file in a DAG's directory (no journal ends in {@code .lock}). */
  public static final String BACKFILL_FILE = ".backfill.lock";

  private final FileChannel channel;

  private ProcessLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Locks {@code runsDir} for this process's scheduler.
   *
   * @throws JournalException when another scheduler holds it (naming its pid), or the directory
   *     cannot be written
   */
  public static ProcessLock scheduler(Path runsDir) {
    return acquire(
        runsDir.resolve(SCHEDULER_FILE),
        "another scheduler is running on runs directory " + runsDir,
        "only one scheduler may use a runs directory at a time. Stop it first, or give this one another"
            + " --runs-dir");
  }

  /**
   * Locks DAG {@code dagId} of {@code journals} for this process's backfill: Airflow's one active
   * backfill per DAG.
   *
   * @throws JournalException when another backfill of the DAG holds it, or it cannot be written
   */
  public static ProcessLock backfill(Journals journals, String dagId) {
    return acquire(
        journals.file(dagId, BACKFILL_FILE).resolveSibling(BACKFILL_FILE),
        "another backfill of DAG '" + dagId + "' is running",
        "there can be only one running backfill per DAG (as in Airflow). Wait for it to end, or stop it");
  }

  private static ProcessLock acquire(Path file, String taken, String rule) {
    try {
      return new ProcessLock(
          RunLock.lockExclusively(
              file,
              holder ->
                  new JournalException(
                      file,
                      0,
                      taken
                          + (holder.isEmpty() ? "" : " (" + holder + ")")
                          + "; "
                          + rule
                          + "; the lock is released as soon as its process exits, even when killed",
                      null)));
    } catch (IOException e) {
      throw new JournalException(
          file,
          0,
          "cannot take the lock "
              + file
              + ": "
              + Journals.reason(e)
              + "; give --runs-dir a directory this process can write",
          e);
    }
  }

  /** Releases the lock; idempotent. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // The lock goes with the descriptor whatever close reports.
    }
  }
}
