package io.processflow.postgres;

import io.processflow.runtime.execution.RunTakenOverException;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.RunStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per run across processes: a session advisory lock on the run, held on a connection of
 * its own until closed. The server releases it when the holding process dies or its connection
 * breaks, so there is no stale lock to clear after a kill -9.
 *
 * <p>A connection that breaks while the process lives (the server restarted) takes the lock with
 * it: {@link #check} takes it again on a new connection, and when another process took the run
 * meanwhile, the lock is lost for good and {@link #check} says so ({@link RunTakenOverException}):
 * the run's writes stop, and the other process is the run's one writer.
 */
final class DbRunLock implements RunStore.Lock {
  private static final Logger log = LoggerFactory.getLogger(DbRunLock.class);
  private static final String KEY = "hashtext(?), hashtext(?)";

  /**
   * An SQL condition that no session holds the lock of the run whose DAG id and run id are in the
   * columns {@code dagIdColumn} and {@code runIdColumn}: {@code pg_locks} shows a lock on two int4
   * keys ({@link #KEY}) as {@code classid}, {@code objid} and {@code objsubid} 2.
   */
  static String heldByNoSession(String dagIdColumn, String runIdColumn) {
    return "NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory'"
        + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        + " AND l.classid = hashtext("
        + dagIdColumn
        + ")::oid AND l.objid = hashtext("
        + runIdColumn
        + ")::oid AND l.objsubid = 2)";
  }

  private final Database database;
  private final String dagId;
  private final String runId;
  private final Consumer<DbRunLock> onClose;

  /** The session holding the lock; null between a broken one and the next {@link #check}. */
  private Connection connection;

  private boolean lost;
  private boolean closed;

  private DbRunLock(
      Database database,
      String dagId,
      String runId,
      Connection connection,
      Consumer<DbRunLock> onClose) {
    this.database = database;
    this.dagId = dagId;
    this.runId = runId;
    this.connection = connection;
    this.onClose = onClose;
  }

  /**
   * Takes the lock of run {@code runId} of {@code dagId}; {@code onClose} is told when it is
   * closed.
   *
   * @throws JournalException when another process holds it
   */
  static DbRunLock acquire(
      Database database, String dagId, String runId, Consumer<DbRunLock> onClose) {
    Connection connection = null;
    try {
      connection = database.dedicatedConnection();
      if (!tryLock(connection, dagId, runId)) {
        throw new JournalException(
            DbRunStore.source(dagId, runId),
            0,
            "run '"
                + runId
                + "' of DAG '"
                + dagId
                + "' is being written by another process; wait"
                + " for it to end (or stop it) before resuming the run",
            null);
      }
      return new DbRunLock(database, dagId, runId, connection, onClose);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new JournalException(
          DbRunStore.source(dagId, runId),
          0,
          "cannot lock the run in " + database.where() + ": " + database.reason(e),
          null);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static boolean tryLock(Connection connection, String dagId, String runId)
      throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
      lock.setString(1, dagId);
      lock.setString(2, runId);
      try (ResultSet result = lock.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  /** Whether its taker has not closed it, and it was not lost to another process. */
  synchronized boolean isHeld() {
    return !closed && !lost;
  }

  /**
   * Makes sure this process still holds the lock: when its connection broke, takes the lock again
   * on a new one. A round trip to the server.
   *
   * @throws RunTakenOverException when another process took the run meanwhile
   * @throws SQLException when the server cannot be reached (try again later)
   */
  synchronized void check() throws SQLException {
    if (closed) {
      return;
    }
    if (lost) {
      throw takenOver();
    }
    if (connection != null && connection.isValid(5)) {
      return;
    }
    closeQuietly(connection);
    connection = null;
    Connection fresh = database.dedicatedConnection();
    boolean taken;
    try {
      taken = tryLock(fresh, dagId, runId);
    } catch (SQLException e) {
      closeQuietly(fresh);
      throw e;
    }
    if (!taken) {
      closeQuietly(fresh);
      lost = true;
      RunTakenOverException e = takenOver();
      log.warn("{}", e.getMessage());
      throw e;
    }
    connection = fresh;
    log.info(
        "took the lock of run {} of DAG {} again after its database connection broke",
        runId,
        dagId);
  }

  /** Throws when the lock was found lost to another process; no round trip. */
  synchronized void checkNotLost() {
    if (lost) {
      throw takenOver();
    }
  }

  private RunTakenOverException takenOver() {
    return new RunTakenOverException(
        dagId,
        runId,
        "its lock went with a broken database connection, and another process holds it now");
  }

  /** Releases the lock, then closes its connection. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (connection != null && !connection.isClosed()) {
          try (PreparedStatement unlock =
              connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            unlock.execute();
          }
        }
      } catch (SQLException e) {
        // The connection is gone: so is the lock.
      } finally {
        closeQuietly(connection);
        connection = null;
      }
    }
    onClose.accept(this);
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing more to release
      }
    }
  }
}
