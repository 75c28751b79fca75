package io.processflow.postgres;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.MiddlewareApi;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.execution.RunTakenOverException;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.JournalHeader;
import io.processflow.runtime.journal.RunDocuments;
import io.processflow.runtime.journal.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every action of a run to {@code pf_run_log} once the reducer took it and before the
 * dispatch returns, as the journal appends a line: one committed insert per action (a run's status
 * also updates its {@code pf_run} row, in the same statement).
 *
 * <p>A lost connection (the server restarting) is retried for up to {@link #RECONNECT}; an insert
 * whose commit was lost with the connection is recognised by its row, already there with the same
 * document. A row number taken by another process means another writer: the run stops. After a lost
 * connection the run's lock is made sure of ({@link DbRunLock#check}) before the next write, and a
 * lock lost to another process stops the run ({@link RunTakenOverException}) instead of writing.
 */
final class DbRecording implements RunRecorder.Recording {
  private static final Logger log = LoggerFactory.getLogger(DbRecording.class);

  /** How long a write waits for the database to come back before the run stops. */
  static final Duration RECONNECT = Duration.ofSeconds(60);

  private static final String APPEND = "INSERT INTO pf_run_log (run, seq, doc) VALUES (?, ?, ?)";
  private static final String APPEND_SUCCESS =
      "INSERT INTO pf_run_log (run, seq, doc, success) VALUES (?, ?, ?, ?)";
  private static final String APPEND_STATUS =
      "WITH logged AS (INSERT INTO pf_run_log (run, seq, doc) VALUES (?, ?, ?))"
          + " UPDATE pf_run SET state = ?, start_date = CASE WHEN ? THEN coalesce(start_date, ?) ELSE start_date END,"
          + " end_date = ? WHERE id = ?";

  private final Database database;
  private final RunDocuments documents;
  private final String dagId;
  private final String runId;
  private final long run;
  private int seq;

  /** The lock this recording took, which it releases; null when its taker holds it. */
  private DbRunLock lock;

  /** The run's lock, whoever took it: checked before writing after a lost connection. */
  private final DbRunLock fence;

  private DbRecording(
      Database database,
      RunDocuments documents,
      String dagId,
      String runId,
      long run,
      int seq,
      DbRunLock fence) {
    this.fence = fence;
    this.database = database;
    this.documents = documents;
    this.dagId = dagId;
    this.runId = runId;
    this.run = run;
    this.seq = seq;
  }

  /**
   * Records a new run ({@code resumed} false: its row and header, in one transaction) or a resume
   * (a header appended after its last row).
   *
   * @throws JournalException when a new run is already recorded, or a resumed one is not
   */
  static DbRecording open(
      Database database,
      RunDocuments documents,
      DagDefinition dag,
      String runId,
      Instant logicalDate,
      Map<String, Object> params,
      boolean resumed,
      Integer rowsRead,
      RunStore.TaskLogs taskLogs,
      DbRunLock lock,
      DbRunLock fence) {
    String dagId = dag.dagId();
    String header =
        RunDocuments.header(JournalHeader.of(dag, runId, logicalDate, params, resumed, taskLogs));
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        List<long[]> row;
        if (resumed) {
          row =
              Sql.query(
                  connection,
                  "UPDATE pf_run SET resumes = resumes + 1 WHERE dag_id = ? AND run_id = ? RETURNING id,"
                      + " (SELECT coalesce(max(seq), 0) FROM pf_run_log WHERE run = pf_run.id)",
                  r -> new long[] {r.getLong(1), r.getInt(2)},
                  dagId,
                  runId);
          if (row.isEmpty()) {
            throw new JournalException(
                DbRunStore.source(dagId, runId),
                0,
                "no run '"
                    + runId
                    + "' of DAG '"
                    + dagId
                    + "' in "
                    + database.where()
                    + " to resume",
                null);
          }
        } else {
          row =
              Sql.query(
                  connection,
                  "INSERT INTO pf_run (dag_id, run_id, logical_date) VALUES (?, ?, ?)"
                      + " ON CONFLICT (dag_id, run_id) DO NOTHING RETURNING id, 0",
                  r -> new long[] {r.getLong(1), r.getInt(2)},
                  dagId,
                  runId,
                  Timestamp.from(logicalDate));
          if (row.isEmpty()) {
            throw new JournalException(
                DbRunStore.source(dagId, runId),
                0,
                "run '"
                    + runId
                    + "' of DAG '"
                    + dagId
                    + "' is already recorded in "
                    + database.where()
                    + "; resume it (--resume "
                    + runId
                    + ") or give the new run another id (--run-id)",
                null);
          }
        }
        long run = row.get(0)[0];
        int seq = (int) row.get(0)[1];
        if (resumed && rowsRead != null && seq != rowsRead) {
          // Another process wrote to the run after this one read it (a decider that had not yet
          // seen it lost its lock, as after a PostgreSQL restart): a resume planned from the rows
          // read would run again what those later rows recorded. The unique row number alone does
          // not stop it, since this header would simply take the next number.
          throw new JournalException(
              DbRunStore.source(dagId, runId),
              rowsRead + 1,
              "run '"
                  + runId
                  + "' of DAG '"
                  + dagId
                  + "' changed after it was read for its resume ("
                  + rowsRead
                  + " rows read, "
                  + seq
                  + " now): another process is still writing it; not resumed",
              null);
        }
        Sql.update(connection, APPEND, run, seq + 1, header);
        connection.commit();
        DbRecording recording =
            new DbRecording(database, documents, dagId, runId, run, seq + 1, fence);
        recording.lock = lock;
        return recording;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new JournalException(
          DbRunStore.source(dagId, runId),
          0,
          "cannot record run '"
              + runId
              + "' in "
              + database.where()
              + ": "
              + database.reason(e)
              + "; no task ran",
          null);
    }
  }

  @Override
  public Function<Dispatcher, Dispatcher> apply(MiddlewareApi<RunState> store) {
    return documents.appending(this, this::append);
  }

  private void append(String document, Action action) {
    int number = seq + 1;
    long deadline = System.nanoTime() + RECONNECT.toNanos();
    boolean retried = false;
    if (fence != null) {
      fence.checkNotLost();
    }
    while (true) {
      try (Connection connection = database.connection()) {
        if (retried && fence != null) {
          fence.check(); // the connection broke: so may have the lock's
        }
        if (retried && written(connection, number, document)) {
          break; // the earlier attempt committed; its acknowledgement was lost with the connection
        }
        insert(connection, number, document, action);
        break;
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          throw new RunTakenOverException(
              dagId, runId, "its log row " + number + " was written by another process first");
        }
        if (!Database.connectionLost(e) || System.nanoTime() > deadline) {
          String message =
              "cannot write the run log in " + database.where() + ": " + database.reason(e);
          throw new UncheckedIOException(message, new IOException(message));
        }
        if (!retried) {
          log.warn(
              "lost the database connection; retrying for up to {}s: {}",
              RECONNECT.toSeconds(),
              database.reason(e));
        }
        retried = true;
        pause();
      }
    }
    seq = number;
  }

  private void insert(Connection connection, int number, String document, Action action)
      throws SQLException {
    if (action instanceof DagRunStatusUpdate status) {
      DagRunState state = status.state();
      Timestamp at = Timestamp.from(status.timestamp());
      Sql.update(
          connection,
          APPEND_STATUS,
          run,
          number,
          document,
          state.name(),
          state == DagRunState.RUNNING,
          at,
          state.isTerminal() ? at : null,
          run);
    } else if (action instanceof TaskStatusUpdate update && update.state() == TaskState.SUCCESS) {
      Sql.update(connection, APPEND_SUCCESS, run, number, document, update.taskId());
    } else {
      Sql.update(connection, APPEND, run, number, document);
    }
  }

  private boolean written(Connection connection, int number, String document) throws SQLException {
    return Sql.query(
            connection,
            "SELECT doc FROM pf_run_log WHERE run = ? AND seq = ?",
            r -> r.getString(1),
            run,
            number)
        .contains(document);
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          "interrupted while waiting for the database", new IOException(e));
    }
  }

  @Override
  public synchronized void close() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
