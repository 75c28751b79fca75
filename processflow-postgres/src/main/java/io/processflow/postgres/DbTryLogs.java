package io.processflow.postgres;

import io.processflow.runtime.logs.TryLogTarget;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Try logs kept in {@code pf_task_log}. A worker's try log ({@link #workerTry}) is buffered and
 * appended in chunks: when a chunk reaches {@link #CHUNK_BYTES}, every {@link #FLUSH_MILLIS} while
 * the try runs (so a running try's log can be followed), and at its end, before its outcome is
 * stored. Its appends are fenced like its outcome: a chunk is stored only while the try's row is
 * still the worker's and running, so a try whose lease expired or that was cancelled writes nothing
 * more. What the task logs is kept up to {@link #MAX_BYTES} per try, then one line says the rest
 * was left out. The deciding process's lines about a try ({@link #decider}) are few and appended as
 * they come. A log that cannot be written costs its lines and a warning, never the try.
 */
final class DbTryLogs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DbTryLogs.class);

  /** The most of what a try logs that is kept: 1 MiB; the deciding process's lines come on top. */
  static final int MAX_BYTES = 1 << 20;

  /** A chunk is appended once it holds this much. */
  static final int CHUNK_BYTES = 64 * 1024;

  /** How often a running try's lines are appended when fewer than a chunk wait. */
  static final long FLUSH_MILLIS = 1000;

  private static final String APPEND_FENCED =
      "INSERT INTO pf_task_log (run, task_id, try_number, text)"
          + " SELECT run, task_id, try_number, ? FROM pf_task"
          + " WHERE id = ? AND try_number = ? AND worker = ? AND state = 'running'";
  private static final String APPEND =
      "INSERT INTO pf_task_log (run, task_id, try_number, text)"
          + " SELECT id, ?, ?, ? FROM pf_run WHERE dag_id = ? AND run_id = ?";

  private final Database database;
  private final Set<WorkerTry> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "processflow-worker-logs");
            thread.setDaemon(true);
            return thread;
          });

  DbTryLogs(Database database) {
    this.database = database;
    flusher.scheduleWithFixedDelay(
        () -> open.forEach(WorkerTry::flush), FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The log of the try in {@code pf_task} row {@code row}, while {@code worker} holds it. */
  TryLogTarget workerTry(long row, int tryNumber, String worker) {
    WorkerTry target = new WorkerTry(row, tryNumber, worker);
    open.add(target);
    return target;
  }

  /** The deciding process's lines about try {@code tryNumber} of {@code taskId}, unfenced. */
  static TryLogTarget decider(
      Database database, String dagId, String runId, String taskId, int tryNumber) {
    return new TryLogTarget() {
      @Override
      public void write(String lines) {
        try (Connection connection = database.connection()) {
          Sql.update(connection, APPEND, taskId, tryNumber, lines, dagId, runId);
        } catch (SQLException e) {
          log.warn(
              "cannot write the log of try {} of task {} (run {}) to {}: {}; its lines are lost",
              tryNumber,
              taskId,
              runId,
              database.where(),
              database.reason(e));
        }
      }

      @Override
      public void end() {}
    };
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    open.forEach(WorkerTry::flush);
  }

  /** A try's log on the worker running it. */
  private final class WorkerTry implements TryLogTarget {
    private final long row;
    private final int tryNumber;
    private final String worker;
    private final StringBuilder buffer = new StringBuilder();
    private int bufferedBytes;
    private long keptBytes;
    private boolean truncated;
    private boolean fenced;

    WorkerTry(long row, int tryNumber, String worker) {
      this.row = row;
      this.tryNumber = tryNumber;
      this.worker = worker;
    }

    @Override
    public synchronized void write(String lines) {
      if (truncated || fenced) {
        return;
      }
      int bytes = lines.getBytes(StandardCharsets.UTF_8).length;
      if (keptBytes + bytes > MAX_BYTES) {
        truncated = true;
        buffer.append(
            "[... this try logged more than "
                + MAX_BYTES
                + " bytes: the rest is left out (the database keeps at most "
                + MAX_BYTES
                + " bytes of a try's log) ...]\n");
        flush();
        return;
      }
      keptBytes += bytes;
      buffer.append(lines);
      bufferedBytes += bytes;
      if (bufferedBytes >= CHUNK_BYTES) {
        flush();
      }
    }

    @Override
    public synchronized void end() {
      flush();
      open.remove(this);
    }

    synchronized void flush() {
      if (buffer.length() == 0 || fenced) {
        return;
      }
      String chunk = buffer.toString();
      buffer.setLength(0);
      bufferedBytes = 0;
      try (Connection connection = database.connection()) {
        if (Sql.update(connection, APPEND_FENCED, chunk, row, tryNumber, worker) == 0) {
          fenced = true;
          open.remove(this);
          log.debug(
              "try row {} is no longer this worker's: its further log lines are not kept", row);
        }
      } catch (SQLException e) {
        log.warn(
            "cannot write the log of try row {} to {}: {}; these lines are lost",
            row,
            database.where(),
            database.reason(e));
      }
    }
  }
}
