package io.processflow.runtime.journal;

import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.MiddlewareApi;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.execution.RunRecorder;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Appends every action of a run to its journal, one JSON document per line, once the reducer took
 * it and before the dispatch returns: an action is on disk before the engine acts on the
 * transition it records, and an action the reducer rejected is never journaled (it would fail
 * every replay).
 *
 * <p>With {@code sync} on, the line is forced to disk ({@code fsync}) before the dispatch returns,
 * except for the transitions nothing acts on outside the
 * engine: {@code scheduled}, {@code queued}, a reset to {@code none} and the run's
 * {@code running}. Those ride on the next forced line (a force makes everything written before it
 * durable), and losing them in a crash changes nothing, because a resume runs a task that had not
 * started in any of those states. So a task costs two forces, {@code running} and its end. The
 * engine dispatches under its own lock, so there is nothing to group-commit across threads; see
 * {@code JournalBench} for the cost.
 *
 * <p>A task's output is journaled as JSON of its declared type (see {@link JournalLines}); one that
 * does not read back equal, in value and type, fails the task that returned it. The outputs of tasks that are not
 * resumable are left out.
 */
public final class JournalMiddleware implements RunRecorder.Recording {
  private final Path file;
  private final boolean sync;
  private final Set<String> notResumable = new HashSet<>();
  private final OutputTypes outputTypes;
  /**
   * A plain stream, not a {@code FileChannel}: an interrupt (a timeout or cancel interrupting a
   * task that dispatches its own actions) would close a channel for good.
   */
  private FileOutputStream out;

  private JournalMiddleware(Path file, DagDefinition dag, boolean sync) {
    this.file = file;
    this.sync = sync;
    this.outputTypes = OutputTypes.of(dag);
    for (TaskDefinition task : dag.tasks()) {
      if (!task.resumable()) {
        notResumable.add(task.taskId());
      }
    }
  }

  /**
   * Opens {@code file} and writes {@code header}: a new journal, or (with {@code header.resumed()})
   * a segment appended to the journal of the run being resumed.
   */
  static JournalMiddleware open(Path file, DagDefinition dag, JournalHeader header, boolean sync) {
    JournalMiddleware journal = new JournalMiddleware(file, dag, sync);
    try {
      Files.createDirectories(file.getParent());
      if (header.resumed()) {
        dropTornLine(file);
      } else {
        Files.createFile(file); // fails when the run already has a journal
      }
      journal.out = new FileOutputStream(file.toFile(), true);
      journal.append(JournalLines.header(header), sync);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IllegalStateException(
          "Run '" + header.runId() + "' of DAG '" + header.dagId() + "' already has a journal, " + file
              + "; resume it (--resume " + header.runId() + ") or give the new run another id (--run-id)",
          e);
    } catch (IOException e) {
      journal.close();
      throw new UncheckedIOException("Cannot open the run journal " + file + ": " + e.getMessage(), e);
    }
    return journal;
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  @Override
  public Function<Dispatcher, Dispatcher> apply(MiddlewareApi<RunState> store) {
    return next -> action -> {
      String line = JournalLines.action(action, outputType(action));
      // Appending and reducing under one monitor keeps the journal in the order the reducer sees,
      // also for a DAG's own actions dispatched from task threads outside the engine's lock.
      synchronized (this) {
        Action result = next.dispatch(action);
        append(line, sync && mustForce(action));
        return result;
      }
    };
  }

  /** The type the output of {@code action} is journaled as, or null to leave it out. */
  private OutputTypes.Declared outputType(Action action) {
    if (!(action instanceof TaskStatusUpdate update) || notResumable.contains(update.taskId())) {
      return null;
    }
    OutputTypes.Declared declared = outputTypes.of(update.taskId());
    return declared != null ? declared : OutputTypes.untyped();
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
      throw new UncheckedIOException("Cannot append to the run journal " + file + ": " + e.getMessage(), e);
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
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the run journal " + file + ": " + e.getMessage(), e);
      } finally {
        out = null;
      }
    }
  }
}
