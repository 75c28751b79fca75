package io.processflow.postgres;

import io.processflow.runtime.journal.DagTurns;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DAG's turn is the row lock of its {@code pf_dag} row, taken with {@code SKIP LOCKED} in a
 * transaction that lasts the turn (Airflow's {@code DagModel.dags_needing_dagruns}): a scheduler
 * that finds the row locked passes over the DAG at once rather than waiting. The turn's reads see
 * every scheduler's runs, committed before the turn was taken: a run is created whole (its row and
 * header in one transaction) while its creator still holds the turn.
 */
final class DbDagTurns implements DagTurns {
  /** Run ids of automated runs, as {@code RunType.ofRunId} reads them. */
  private static final String AUTOMATED =
      "(run_id LIKE 'scheduled\\_\\_%' OR run_id LIKE 'backfill\\_\\_%')";

  private static final String SCHEDULED = "run_id LIKE 'scheduled\\_\\_%'";

  /** Not ended: a new run's row says {@code queued} until its first status. */
  private static final String UNFINISHED = "upper(state) NOT IN ('SUCCESS', 'FAILED')";

  private final Database database;

  /** The DAGs whose row this process knows exists. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  DbDagTurns(Database database) {
    this.database = database;
  }

  @Override
  public Turn take(String dagId) {
    Connection connection = null;
    try {
      connection = database.connection();
      if (!known.contains(dagId)) {
        Sql.update(
            connection, "INSERT INTO pf_dag (dag_id) VALUES (?) ON CONFLICT DO NOTHING", dagId);
        known.add(dagId);
      }
      connection.setAutoCommit(false);
      boolean ours =
          !Sql.query(
                  connection,
                  "SELECT dag_id FROM pf_dag WHERE dag_id = ? FOR UPDATE SKIP LOCKED",
                  row -> row.getString(1),
                  dagId)
              .isEmpty();
      if (!ours) {
        release(connection);
        return null;
      }
      return new DbTurn(connection, dagId);
    } catch (SQLException e) {
      release(connection);
      throw failure("take the turn of DAG '" + dagId + "'", e);
    }
  }

  /** The unfinished scheduled runs whose lock ({@link DbRunLock}) no session holds. */
  @Override
  public List<String> orphanedRuns(String dagId) {
    try (Connection connection = database.connection()) {
      return Sql.query(
          connection,
          "SELECT run_id FROM pf_run r WHERE dag_id = ? AND "
              + SCHEDULED
              + " AND "
              + UNFINISHED
              + " AND "
              + DbRunLock.heldByNoSession("r.dag_id", "r.run_id")
              + " ORDER BY logical_date",
          row -> row.getString(1),
          dagId);
    } catch (SQLException e) {
      throw failure("list the orphaned runs of DAG '" + dagId + "'", e);
    }
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(
        "cannot " + what + " in " + database.where() + ": " + database.reason(e), null);
  }

  /** Ends the turn's transaction (its row lock with it) and gives the connection back. */
  private static void release(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback(); // the turn only read: nothing to commit
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the connection broke: the server ended the transaction
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing more to release
    }
  }

  private final class DbTurn implements Turn {
    private final Connection connection;
    private final String dagId;

    DbTurn(Connection connection, String dagId) {
      this.connection = connection;
      this.dagId = dagId;
    }

    @Override
    public Instant latestAutomated() {
      Timestamp latest =
          read(
              "SELECT max(logical_date) FROM pf_run WHERE dag_id = ? AND " + AUTOMATED,
              row -> row.getTimestamp(1));
      return latest == null ? null : latest.toInstant();
    }

    @Override
    public boolean taken(Instant logicalDate) {
      return read(
          "SELECT EXISTS (SELECT 1 FROM pf_run WHERE dag_id = ? AND logical_date = ?)",
          row -> row.getBoolean(1),
          Timestamp.from(logicalDate));
    }

    @Override
    public int activeRuns() {
      return read(
          "SELECT count(*) FROM pf_run WHERE dag_id = ? AND " + SCHEDULED + " AND " + UNFINISHED,
          row -> row.getInt(1));
    }

    private <T> T read(String sql, Sql.Row<T> row, Object... more) {
      Object[] parameters = new Object[more.length + 1];
      parameters[0] = dagId;
      System.arraycopy(more, 0, parameters, 1, more.length);
      try {
        return Sql.query(connection, sql, row, parameters).get(0);
      } catch (SQLException e) {
        throw failure("read the runs of DAG '" + dagId + "'", e);
      }
    }

    @Override
    public void close() {
      release(connection);
    }
  }
}
