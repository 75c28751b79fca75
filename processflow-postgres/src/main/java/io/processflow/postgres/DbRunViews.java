package io.processflow.postgres;

import io.processflow.runtime.journal.RunViews;
import io.processflow.runtime.journal.TryLogTail;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What views read from the database (see {@link RunViews}): the same documents a journal holds, a
 * run's version as its last log row's number, and the try logs of {@code pf_task_log}. Ids are only
 * ever query parameters.
 */
final class DbRunViews implements RunViews {
  private static final String RUN = "(SELECT id FROM pf_run WHERE dag_id = ? AND run_id = ?)";

  private final Database database;

  DbRunViews(Database database) {
    this.database = database;
  }

  @Override
  public List<String> dagIds() {
    return query("list the DAGs", "SELECT DISTINCT dag_id FROM pf_run ORDER BY dag_id", 1);
  }

  /** The run's row and its last log row's number: they change whenever its log grows. */
  @Override
  public String version(String dagId, String runId) {
    List<String> versions =
        query(
            "read the run",
            "SELECT r.id || '-' || coalesce((SELECT max(seq) FROM pf_run_log WHERE run = r.id), 0)"
                + " FROM pf_run r WHERE r.dag_id = ? AND r.run_id = ?",
            1,
            dagId,
            runId);
    return versions.isEmpty() ? null : versions.get(0);
  }

  @Override
  public byte[] documents(String dagId, String runId) {
    if (version(dagId, runId) == null) {
      return null;
    }
    List<String> documents =
        query(
            "read the run",
            "SELECT doc FROM pf_run_log WHERE run = " + RUN + " ORDER BY seq",
            1,
            dagId,
            runId);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String document : documents) {
      out.writeBytes(document.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }

  @Override
  public List<String> loggedTasks(String dagId, String runId) {
    return query(
        "read the try logs",
        "SELECT DISTINCT task_id FROM pf_task_log WHERE run = " + RUN + " ORDER BY task_id",
        1,
        dagId,
        runId);
  }

  @Override
  public List<Integer> loggedTries(String dagId, String runId, String taskId) {
    return query(
            "read the try logs",
            "SELECT DISTINCT try_number FROM pf_task_log WHERE run = "
                + RUN
                + " AND task_id = ? ORDER BY try_number",
            1,
            dagId,
            runId,
            taskId)
        .stream()
        .map(Integer::valueOf)
        .toList();
  }

  @Override
  public String tryLog(String dagId, String runId, String taskId, int tryNumber, int maxBytes) {
    String text = whole(dagId, runId, taskId, tryNumber);
    return text == null ? null : TryLogTail.last(text, maxBytes);
  }

  @Override
  public Reader openTryLog(String dagId, String runId, String taskId, int tryNumber) {
    String text = whole(dagId, runId, taskId, tryNumber);
    return text == null ? null : new StringReader(text);
  }

  /** A try's whole log (bounded: see {@link DbTryLogs#MAX_BYTES}), or null when it has none. */
  private String whole(String dagId, String runId, String taskId, int tryNumber) {
    List<String> chunks =
        query(
            "read the try log",
            "SELECT text FROM pf_task_log WHERE run = "
                + RUN
                + " AND task_id = ? AND try_number = ? ORDER BY id",
            1,
            dagId,
            runId,
            taskId,
            tryNumber);
    return chunks.isEmpty() ? null : String.join("", chunks);
  }

  /** Column {@code column} of the rows {@code sql} selects, as text. */
  private List<String> query(String what, String sql, int column, Object... parameters) {
    try (Connection connection = database.connection()) {
      return Sql.query(connection, sql, row -> row.getString(column), parameters);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot " + what + " in " + database.where() + ": " + database.reason(e), null);
    }
  }
}
