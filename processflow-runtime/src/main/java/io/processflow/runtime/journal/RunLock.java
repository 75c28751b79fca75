package io.processflow.runtime.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Function;

/**
 * One writer per run: an exclusive lock on {@code <journal>.lock}, beside the journal, held for the
 * run's life. The operating system releases it when the process ends, also on {@code kill -9}, so a
 * crash never leaves a run locked. The file holds who holds the lock (pid, since when) for the
 * message of whoever finds it taken; it is never deleted, because deleting a lock file lets a
 * process that opened it before the delete lock a file no one else sees.
 *
 * <p>The lock is a file of its own rather than the journal itself: a POSIX lock is dropped when the
 * process closes any descriptor of the file, and the journal is opened and closed by its readers.
 */
public final class RunLock implements RunStore.Lock {
  static final String SUFFIX = ".lock";

  private final Path file;
  private final FileChannel channel;

  private RunLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Locks the run whose journal is {@code journal}.
   *
   * @throws JournalException when another process (or another run in this one) holds the lock, or
   *     the lock file cannot be created
   */
  static RunLock acquire(Path journal, String dagId, String runId) {
    Path file = journal.resolveSibling(journal.getFileName() + SUFFIX);
    try {
      FileChannel channel =
          lockExclusively(
              file,
              holder ->
                  new JournalException(
                      journal,
                      0,
                      "run '"
                          + runId
                          + "' of DAG '"
                          + dagId
                          + "' is being run by another process"
                          + (holder.isEmpty() ? "" : " (" + holder + ")")
                          + "; only one process may run or resume a run at a time. Wait for it to end,"
                          + " or stop it; its lock is released as soon as it exits, even when killed",
                      null));
      return new RunLock(file, channel);
    } catch (IOException e) {
      throw new JournalException(
          file,
          0,
          "cannot keep the journal of run '"
              + runId
              + "' of DAG '"
              + dagId
              + "' there: "
              + Journals.reason(e)
              + "; give --runs-dir a directory this process can write",
          e);
    }
  }

  /**
   * Opens {@code file} (and its directory) and takes its exclusive lock for this process, writing
   * this process in as the holder; the one way every lock of the runs directory is taken.
   *
   * @param taken the error to throw when another process (or another holder in this one) has the
   *     lock, given what that holder wrote (empty when nothing)
   * @throws IOException when the file cannot be created, locked or written; nothing stays open
   */
  static FileChannel lockExclusively(Path file, Function<String, JournalException> taken)
      throws IOException {
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw taken.apply(holder);
      }
      writeHolder(channel);
      return channel;
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Writes who holds the lock (pid, since when) into its file, for whoever finds it taken. */
  private static void writeHolder(FileChannel channel) throws IOException {
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            ("pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8)),
        0);
  }

  /** What the holder wrote, on one line and at most 200 characters; empty when nothing is there. */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(200);
    channel.read(bytes, 0);
    String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return (end >= 0 ? text.substring(0, end) : text).replaceAll("\\p{Cntrl}", "?").strip();
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Whether the lock is still held (not closed). */
  public boolean isHeld() {
    return channel.isOpen();
  }

  /** Releases the lock; idempotent. */
  @Override
  public void close() {
    try {
      channel.close(); // releases the lock
    } catch (IOException e) {
      // The lock goes with the descriptor whatever close reports.
    }
  }
}
