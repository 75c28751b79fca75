package io.processflow.runtime.journal;

import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.MiddlewareApi;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunRecorder;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every action of a run to its journal, one JSON document per line, once the reducer took
 * it and before the dispatch returns: an action is on disk before the engine acts on the transition
 * it records, and an action the reducer rejected is never journaled (it would fail every replay).
 *
 * <p>With {@code sync} on, the line is forced to disk ({@code fsync}) before the dispatch returns,
 * except for the transitions nothing acts on outside the engine: {@code scheduled}, {@code queued},
 * a reset to {@code none} and the run's {@code running}. Those ride on the next forced line (a
 * force makes everything written before it durable), and losing them in a crash changes nothing,
 * because a resume runs a task that had not started in any of those states. So a task costs two
 * forces, {@code running} and its end. The engine dispatches under its own lock, so there is
 * nothing to group-commit across threads; see {@code JournalBench} for the cost.
 *
 * <p>A task's output is journaled as JSON of its declared type (see {@link JournalLines}); one that
 * does not read back equal, in value and type, fails the task that returned it. The outputs of
 * tasks that are not resumable are left out.
 */
final class JournalMiddleware implements RunRecorder.Recording {
  private static final Logger log = LoggerFactory.getLogger(JournalMiddleware.class);
  private final Path file;
  private final boolean sync;
  private final RunDocuments documents;

  /**
   * A plain stream, not a {@code FileChannel}: an interrupt (a timeout or cancel interrupting a
   * task that dispatches its own actions) would close a channel for good.
   */
  private FileOutputStream out;

  /** The run's lock when this journal took it, released on close. */
  private RunLock lock;

  private JournalMiddleware(Path file, DagDefinition dag, boolean sync) {
    this.file = file;
    this.sync = sync;
    this.documents = RunDocuments.of(dag);
  }

  /**
   * Opens {@code file} and writes {@code header}: a new journal, or (with {@code header.resumed()})
   * a segment appended to the journal of the run being resumed. The caller holds the run's lock;
   * with {@code lock} non-null the journal releases it when closed.
   *
   * <p>A new journal is created whole: its header is written to a temporary file in the same
   * directory, forced to disk, and renamed to {@code file}, so that a kill or a full disk at any
   * moment leaves either no journal or one with its header. A journal without a complete first line
   * (left by an older version) is replaced.
   *
   * @throws JournalException when the journal cannot be created or opened, or (for a new run)
   *     already exists
   */
  static JournalMiddleware open(
      Path file, DagDefinition dag, JournalHeader header, boolean sync, RunLock lock) {
    JournalMiddleware journal = new JournalMiddleware(file, dag, sync);
    journal.lock = lock;
    try {
      Files.createDirectories(file.getParent());
      if (header.resumed()) {
        dropTornLine(file);
        journal.out = new FileOutputStream(file.toFile(), true);
        journal.append(JournalLines.header(header), sync);
      } else {
        create(file, JournalLines.header(header), sync);
        journal.out = new FileOutputStream(file.toFile(), true);
      }
    } catch (FileAlreadyExistsException e) {
      journal.close();
      throw new JournalException(
          file,
          0,
          "run '"
              + header.runId()
              + "' of DAG '"
              + header.dagId()
              + "' already has a journal; resume it"
              + " (--resume "
              + header.runId()
              + ") or give the new run another id (--run-id)",
          e);
    } catch (IOException | UncheckedIOException e) {
      journal.close();
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new JournalException(
          file,
          0,
          "cannot write the journal of run '"
              + header.runId()
              + "': "
              + Journals.reason(cause)
              + "; no task ran. Make room or give --runs-dir a directory this process can write",
          e);
    }
    return journal;
  }

  /** Creates {@code file} holding {@code header} atomically; see {@link #open}. */
  private static void create(Path file, String header, boolean sync) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || JournalReader.intactLength(file) > 0) {
        throw new FileAlreadyExistsException(file.toString());
      }
      log.warn(
          "replacing {}: it has no complete header line, so it records nothing of its run", file);
    }
    // Not Files.createTempFile, whose files only their owner may read: a journal gets the umask's.
    Path temp =
        file.resolveSibling(
            ".new-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap((header + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        if (sync) {
          out.force(false);
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    if (sync) {
      try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        directory.force(true); // the rename itself
      } catch (IOException notSupported) {
        log.debug("cannot force directory {}", file.getParent(), notSupported);
      }
    }
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  @Override
  public Function<Dispatcher, Dispatcher> apply(MiddlewareApi<RunState> store) {
    return documents.appending(this, (line, action) -> append(line, sync && mustForce(action)));
  }

  private static boolean mustForce(Action action) {
    if (action instanceof TaskStatusUpdate update) {
      TaskState state = update.state();
      return state != TaskState.SCHEDULED && state != TaskState.QUEUED && state != TaskState.NONE;
    }
    if (action instanceof DagRunStatusUpdate update) {
      return update.state().isTerminal();
    }
    return true; // a DAG's own action: the app state it changes may steer what runs next
  }

  private void append(String line, boolean force) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (out == null) { // an action dispatched after the run ended
        out = new FileOutputStream(file.toFile(), true);
      }
      out.write(bytes);
      if (force) {
        out.getFD().sync();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot append to the run journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** A resume after a crash mid-write: drops the torn last line the reader ignored. */
  private static void dropTornLine(Path file) throws IOException {
    long intact = JournalReader.intactLength(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      if (intact < raf.length()) {
        raf.setLength(intact);
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot close the run journal " + file + ": " + e.getMessage(), e);
    } finally {
      out = null;
      if (lock != null) {
        lock.close();
        lock = null;
      }
    }
  }
}
