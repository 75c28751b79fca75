package io.processflow.postgres;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.journal.JournalHeader;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.RunDocuments;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker knows of the runs it runs tries of, so that a try's context costs the log rows
 * written since the worker's previous try of the run, not the whole run: each run's first header
 * (its id, logical date and params), the DAG's own actions, the succeeded tasks' outputs, and the
 * last log number read. A try reads only the rows after that number ({@link #RUN_LOG_AFTER}).
 *
 * <p>Bounded: a run first seen evicts the cached runs that ended ({@code pf_run.state}), and at
 * most {@link #MAX_RUNS} are kept, the least recently used going first (a run evicted while it
 * still runs is read again from its start on its next try).
 */
final class RunContexts {
  /** The most runs kept at once. */
  static final int MAX_RUNS = 64;

  /**
   * The rows of a run's log after a number that a try's context needs: the headers, the DAG's own
   * actions and the successes (with their outputs), not every transition.
   */
  static final String RUN_LOG_AFTER =
      "SELECT seq, doc FROM pf_run_log WHERE run = ? AND seq > ? AND (success IS NOT NULL"
          + " OR doc NOT LIKE '{\"type\":\""
          + TaskStatusUpdate.TYPE
          + "\"%'"
          + " AND doc NOT LIKE '{\"type\":\""
          + DagRunStatusUpdate.TYPE
          + "\"%') ORDER BY seq";

  private static final String ENDED =
      "SELECT id FROM pf_run WHERE id = ANY(?) AND state IN ('"
          + DagRunState.SUCCESS.name()
          + "', '"
          + DagRunState.FAILED.name()
          + "')";

  /** A try's view of its run: copies, so the try reads them while the run's view moves on. */
  record Context(
      JournalHeader header,
      Map<String, Object> outputs,
      List<Action> appActions,
      int rowsRead,
      boolean noTaskLogs) {}

  /** One run as read so far. Guarded by itself. */
  private static final class Run {
    final DagDefinition dag;
    String headerDocument;
    JournalHeader header;

    /** Whether the latest segment (the run, or its latest resume) keeps no try logs. */
    boolean noTaskLogs;

    int lastSeq = -1;
    final Map<String, Object> outputs = new HashMap<>();
    final List<Action> appActions = new ArrayList<>();

    Run(DagDefinition dag) {
      this.dag = dag;
    }
  }

  private final Map<Long, Run> runs = new LinkedHashMap<>(16, 0.75f, true);

  /** The context of a try of run row {@code run} of {@code dag}, after reading its new rows. */
  Context context(Connection connection, long run, DagDefinition dag) throws SQLException {
    Run cached = cached(connection, run, dag);
    synchronized (cached) {
      List<Object[]> rows =
          Sql.query(
              connection,
              RUN_LOG_AFTER,
              row -> new Object[] {row.getInt(1), row.getString(2)},
              run,
              cached.lastSeq);
      if (!rows.isEmpty()) {
        read(cached, run, rows);
      }
      if (cached.header == null) {
        throw new IllegalStateException("run row " + run + " has no header in its log");
      }
      return new Context(
          cached.header,
          new HashMap<>(cached.outputs),
          List.copyOf(cached.appActions),
          rows.size(),
          cached.noTaskLogs);
    }
  }

  /**
   * Reads {@code rows} into {@code cached}: the reader's own rules, from the run's first header.
   */
  private static void read(Run cached, long run, List<Object[]> rows) {
    List<String> documents = new ArrayList<>(rows.size() + 1);
    boolean first = cached.headerDocument == null;
    if (!first) {
      documents.add(cached.headerDocument);
    }
    for (Object[] row : rows) {
      documents.add((String) row[1]);
    }
    RecordedRun recorded =
        RunDocuments.read(DbRunStore.source(cached.dag.dagId(), "" + run), documents, cached.dag);
    if (first) {
      cached.headerDocument = documents.get(0);
      cached.header = recorded.first();
    }
    if (first || recorded.headers().size() > 1) {
      cached.noTaskLogs = recorded.last().noTaskLogs();
    }
    for (Action action : recorded.actions()) {
      if (action instanceof TaskStatusUpdate update) {
        if (update.state() == TaskState.SUCCESS) {
          cached.outputs.put(update.taskId(), update.output());
        }
      } else if (!(action instanceof DagRunStatusUpdate)) {
        cached.appActions.add(action);
      }
    }
    cached.lastSeq = (Integer) rows.get(rows.size() - 1)[0];
  }

  private Run cached(Connection connection, long run, DagDefinition dag) throws SQLException {
    synchronized (runs) {
      Run cached = runs.get(run);
      if (cached != null && cached.dag == dag) {
        return cached;
      }
    }
    evictEnded(connection);
    synchronized (runs) {
      Run cached = runs.get(run);
      if (cached == null || cached.dag != dag) {
        cached = new Run(dag);
        runs.put(run, cached);
        Iterator<Long> oldest = runs.keySet().iterator();
        while (runs.size() > MAX_RUNS) {
          oldest.next();
          oldest.remove();
        }
      }
      return cached;
    }
  }

  /** Forgets the cached runs that ended: a run first seen is the moment to look. */
  private void evictEnded(Connection connection) throws SQLException {
    Long[] ids;
    synchronized (runs) {
      if (runs.isEmpty()) {
        return;
      }
      ids = runs.keySet().toArray(new Long[0]);
    }
    List<Long> ended = Sql.query(connection, ENDED, row -> row.getLong(1), (Object) ids);
    synchronized (runs) {
      ended.forEach(runs::remove);
    }
  }

  /** The runs kept now: for tests. */
  int size() {
    synchronized (runs) {
      return runs.size();
    }
  }
}
