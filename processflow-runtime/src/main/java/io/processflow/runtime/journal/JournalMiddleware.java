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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Appends every action of a run to its journal, one JSON document per line, before the action
 * reaches the reducer: an action is on disk before the engine acts on the transition it records.
 *
 * <p>With {@code sync} on, the line is forced to disk ({@link FileChannel#force(boolean)
 * fdatasync}) before the dispatch goes on, except for the transitions nothing acts on outside the
 * engine: {@code scheduled}, {@code queued}, a reset to {@code none} and the run's
 * {@code running}. Those ride on the next forced line (a force makes everything written before it
 * durable), and losing them in a crash changes nothing, because a resume runs a task that had not
 * started in any of those states. So a task costs two forces, {@code running} and its end. The
 * engine dispatches under its own lock, so there is nothing to group-commit across threads; see
 * {@code JournalBench} for the cost.
 *
 * <p>A task's output is journaled as JSON with its type (see {@link JournalLines}); one that cannot
 * be written and read back fails the task that returned it. The outputs of tasks that are not
 * resumable are left out.
 */
public final class JournalMiddleware implements RunRecorder.Recording {
  private final Path file;
  private final boolean sync;
  private final Set<String> notResumable = new HashSet<>();
  private FileChannel channel;

  private JournalMiddleware(Path file, DagDefinition dag, boolean sync) {
    this.file = file;
    this.sync = sync;
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
      journal.channel =
          header.resumed()
              ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
              : FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
      if (header.resumed()) {
        journal.dropTornLine();
      }
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
      String line = JournalLines.action(action, withOutput(action));
      // Appending and reducing under one monitor keeps the journal in the order the reducer sees,
      // also for a DAG's own actions dispatched from task threads outside the engine's lock.
      synchronized (this) {
        append(line, sync && mustForce(action));
        return next.dispatch(action);
      }
    };
  }

  private boolean withOutput(Action action) {
    return !(action instanceof TaskStatusUpdate update) || !notResumable.contains(update.taskId());
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
      if (channel == null) { // an action dispatched after the run ended
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (force) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the run journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** A resume after a crash mid-write: drops the torn last line the reader ignored. */
  private void dropTornLine() throws IOException {
    long intact = JournalReader.intactLength(file);
    if (intact < channel.size()) {
      channel.truncate(intact);
    }
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the run journal " + file + ": " + e.getMessage(), e);
      } finally {
        channel = null;
      }
    }
  }
}
