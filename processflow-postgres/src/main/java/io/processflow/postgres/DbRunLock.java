package io.processflow.postgres;

import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.RunStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One writer per run across processes: a session advisory lock on the run, held on a connection of
 * its own until closed. The server releases it when the holding process dies or its connection
 * breaks, so there is no stale lock to clear after a kill -9.
 */
final class DbRunLock implements RunStore.Lock {
  private static final String KEY = "hashtext(?), hashtext(?)";
  private final Connection connection;

  private DbRunLock(Connection connection) {
    this.connection = connection;
  }

  /**
   * Takes the lock of run {@code runId} of {@code dagId}.
   *
   * @throws JournalException when another process holds it
   */
  static DbRunLock acquire(Database database, String dagId, String runId) {
    Connection connection = null;
    try {
      connection = database.connection();
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
        lock.setString(1, dagId);
        lock.setString(2, runId);
        try (ResultSet result = lock.executeQuery()) {
          result.next();
          if (!result.getBoolean(1)) {
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
        }
      }
      return new DbRunLock(connection);
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

  boolean isHeld() {
    try {
      return !connection.isClosed();
    } catch (SQLException e) {
      return false;
    }
  }

  /** Releases the lock, then gives the connection back to the pool. */
  @Override
  public void close() {
    try {
      if (!connection.isClosed()) {
        try (PreparedStatement unlock =
            connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
          unlock.execute();
        }
      }
    } catch (SQLException e) {
      // The connection is gone: so is the lock.
    } finally {
      closeQuietly(connection);
    }
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
