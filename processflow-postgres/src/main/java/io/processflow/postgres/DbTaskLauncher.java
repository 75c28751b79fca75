package io.processflow.postgres;

import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.dsl.TaskOptions;
import io.processflow.runtime.execution.TaskLauncher;
import io.processflow.runtime.execution.TaskTry;
import io.processflow.runtime.journal.RunDocuments;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches tries on workers through PostgreSQL: the deciding side of the database mode. Each try
 * becomes a queued row of {@code pf_task} on its task's queue ({@link TaskDefinition#queue()},
 * Airflow's {@code queue}: only workers serving that queue claim it; older tries of the same task
 * still queued or running are cancelled in the same statement) and a {@code NOTIFY} to the workers;
 * a watcher thread learns of claims and outcomes from {@code NOTIFY}s, polling every {@code poll}
 * as the fallback, and reports them to the engine: a claim starts the try ({@link TaskTry#start}),
 * an outcome ends it.
 *
 * <p>Leases are the database's: a running try whose {@code lease_until} passed the database's
 * {@code now()} (its worker stopped heartbeating: killed, cut off) is failed here, so the engine
 * retries it like any failed try. The worker's late completion is then refused by the row itself.
 * Cancelling a try (its timeout, fail-fast) marks its row {@code cancelled}; the worker's heartbeat
 * sees it and interrupts the body.
 *
 * <p>Plain SQL rather than db-scheduler: db-scheduler executes its own task instances with its own
 * retry and completion handlers, where here the engine decides retries and completions and a try's
 * number must fence its completion; the claim, heartbeat and expiry are three statements.
 */
public final class DbTaskLauncher implements TaskLauncher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DbTaskLauncher.class);

  /** The queue tries go to unless a task (or its DAG's default args) names another. */
  public static final String DEFAULT_QUEUE = TaskOptions.DEFAULT_QUEUE;

  /** How often claims and outcomes are polled when no notification comes. */
  public static final Duration POLL = Duration.ofSeconds(1);

  private static final String LAUNCH =
      "WITH r AS (SELECT id FROM pf_run WHERE dag_id = ? AND run_id = ?),"
          + " superseded AS (UPDATE pf_task SET state = 'cancelled', error = 'superseded by a later try',"
          + " ended_at = now() WHERE run = (SELECT id FROM r) AND task_id = ? AND try_number < ?"
          + " AND state IN ('queued', 'running')),"
          + " launched AS (INSERT INTO pf_task (run, dag_id, task_id, try_number, queue)"
          + " SELECT id, ?, ?, ?, ? FROM r ON CONFLICT DO NOTHING RETURNING id)"
          + " SELECT id, pg_notify('"
          + Notifications.TASK_QUEUED
          + "', ?) FROM launched";
  private static final String EXPIRE =
      "UPDATE pf_task SET state = 'failed', ended_at = now(),"
          + " error = 'the lease of worker ' || worker || ' expired at ' || lease_until"
          + " || ' (it stopped heartbeating: killed, or cut off from the database)'"
          + " WHERE id = ANY(?) AND state = 'running' AND lease_until < now()";
  private static final String CHANGED =
      "SELECT id, state, output, error, worker, actions FROM pf_task WHERE id = ANY(?) AND state <> 'queued'";
  private static final String CANCEL =
      "WITH c AS (UPDATE pf_task SET state = 'cancelled', error = ?, ended_at = now()"
          + " WHERE id = ? AND state IN ('queued', 'running') RETURNING id)"
          + " SELECT pg_notify('"
          + Notifications.TASK_QUEUED
          + "', 'cancelled') FROM c";

  private final Database database;
  private final Function<String, DagDefinition> dags;
  private final Duration poll;
  private final Map<DagDefinition, RunDocuments> documents = new ConcurrentHashMap<>();
  private final Map<Long, Launched> launched = new ConcurrentHashMap<>();

  /** Launches and cancels in order, off the engine's threads: {@code launch} must not block. */
  private final ExecutorService writes =
      Executors.newSingleThreadExecutor(r -> daemon(r, "processflow-db-launcher"));

  private final Thread watcher;
  private volatile boolean closed;

  /** How long a try waits unclaimed before the deciding process warns that it does. */
  public static final Duration WAIT_WARNING = Duration.ofMinutes(1);

  /** One launched try: its row, whether the engine was told it started, whether it was warned. */
  private static final class Launched {
    final TaskTry attempt;
    final long queuedAt = System.nanoTime();
    boolean started;
    boolean warned;

    Launched(TaskTry attempt) {
      this.attempt = attempt;
    }
  }

  private volatile Duration waitWarning = WAIT_WARNING;

  /**
   * A launcher for the runs of the DAGs {@code dags} finds by id, each try queued on its task's
   * queue; claims and outcomes are polled every {@code poll} when no notification comes.
   */
  public DbTaskLauncher(Database database, Function<String, DagDefinition> dags, Duration poll) {
    this.database = database;
    this.dags = dags;
    this.poll = poll;
    this.watcher = daemon(this::watch, "processflow-db-watcher");
    watcher.start();
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void launch(TaskTry attempt) {
    writes.execute(
        () -> {
          long deadline = System.nanoTime() + DbRecording.RECONNECT.toNanos();
          while (true) {
            try (Connection connection = database.connection()) {
              queue(attempt, connection);
              return;
            } catch (SQLException e) {
              if (Database.connectionLost(e) && System.nanoTime() < deadline && !closed) {
                pause(); // the database restarts: the try waits for it rather than failing
                continue;
              }
              attempt.failed(
                  new RemoteTaskException(
                      "cannot queue the try in " + database.where() + ": " + database.reason(e)));
            } catch (RuntimeException e) {
              attempt.failed(e);
            }
            return;
          }
        });
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Inserts the try's row (cancelling older tries of its task) and notifies the workers. */
  private void queue(TaskTry attempt, Connection connection) throws SQLException {
    List<Long> ids =
        Sql.query(
            connection,
            LAUNCH,
            row -> row.getLong(1),
            attempt.dagId(),
            attempt.runId(),
            attempt.taskId(),
            attempt.tryNumber(),
            attempt.dagId(),
            attempt.taskId(),
            attempt.tryNumber(),
            attempt.task().queue(),
            attempt.task().queue());
    if (ids.isEmpty()) {
      attempt.failed(
          new IllegalStateException(
              "run '"
                  + attempt.runId()
                  + "' of DAG '"
                  + attempt.dagId()
                  + "' is not recorded in "
                  + database.where()
                  + " (or try "
                  + attempt.tryNumber()
                  + " of task '"
                  + attempt.taskId()
                  + "' was launched already): a run whose tasks run on workers is recorded in the same database"));
      return;
    }
    launched.put(ids.get(0), new Launched(attempt));
  }

  private void watch() {
    try (Notifications notifications = new Notifications(database, Notifications.TASK_CHANGED)) {
      while (!closed) {
        notifications.await(poll);
        if (!launched.isEmpty()) {
          sweep();
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** Expires lapsed leases, then reports every claim and outcome of the launched tries. */
  private void sweep() {
    Long[] ids = launched.keySet().toArray(new Long[0]);
    List<Object[]> rows;
    try (Connection connection = database.connection()) {
      Sql.update(connection, EXPIRE, (Object) ids);
      rows =
          Sql.query(
              connection,
              CHANGED,
              row ->
                  new Object[] {
                    row.getLong(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6)
                  },
              (Object) ids);
    } catch (SQLException e) {
      log.warn(
          "cannot read the launched tries from {}: {}; retrying",
          database.where(),
          database.reason(e));
      return;
    }
    for (Object[] row : rows) {
      long id = (Long) row[0];
      Launched one = launched.get(id);
      if (one == null) {
        continue;
      }
      String state = (String) row[1];
      if (state.equals("cancelled")) {
        launched.remove(id);
        continue;
      }
      if (!one.started) {
        one.started = true;
        if (!one.attempt.start(timedOut -> cancel(id, timedOut))) {
          launched.remove(id);
          cancel(id, false);
          continue;
        }
      }
      if (state.equals("success") || state.equals("failed")) {
        launched.remove(id);
        report(one.attempt, state, row);
      }
    }
    warnOfWaits();
  }

  /**
   * Reports an ended try to the engine: first the actions its body dispatched on its worker, into
   * the run's store (and so its log) in their order, then its success or failure.
   */
  private void report(TaskTry attempt, String state, Object[] row) {
    RunDocuments runDocuments;
    Object output = null;
    try {
      runDocuments = documents(attempt.dagId());
      DispatchedActions.dispatch((String) row[5], runDocuments, attempt.context().store());
      if (state.equals("success")) {
        output = ((TaskStatusUpdate) runDocuments.readAction((String) row[2])).output();
      }
    } catch (RuntimeException e) {
      attempt.failed(e);
      return;
    }
    if (state.equals("success")) {
      attempt.succeeded(output);
    } else {
      attempt.failed(
          new RemoteTaskException(row[3] + (row[4] == null ? "" : " [worker " + row[4] + "]")));
    }
  }

  /**
   * Warns, once per try, of a try that waited {@link #waitWarning} without a worker claiming it: no
   * worker serves its queue, or those that do are busy. It keeps waiting; nothing fails it.
   */
  private void warnOfWaits() {
    long now = System.nanoTime();
    for (Launched one : launched.values()) {
      if (!one.started && !one.warned && now - one.queuedAt > waitWarning.toNanos()) {
        one.warned = true;
        String queue = one.attempt.task().queue();
        log.warn(
            "try {} of task '{}' (DAG '{}', run '{}') has waited {} s in queue '{}' and no worker"
                + " claimed it: no worker serves that queue (start one with 'worker --db URL --queue {}'),"
                + " or those that do are busy. It keeps waiting",
            one.attempt.tryNumber(),
            one.attempt.taskId(),
            one.attempt.dagId(),
            one.attempt.runId(),
            (now - one.queuedAt) / 1_000_000_000L,
            queue,
            queue);
      }
    }
  }

  /** Sets how long a try waits unclaimed before a warning (default {@link #WAIT_WARNING}). */
  void warnAfter(Duration wait) {
    this.waitWarning = wait;
  }

  private RunDocuments documents(String dagId) {
    return documents.computeIfAbsent(dags.apply(dagId), RunDocuments::of);
  }

  /** The engine ended a try (called under its lock): its row is cancelled off this thread. */
  private void cancel(long id, boolean timedOut) {
    launched.remove(id);
    if (closed) {
      return;
    }
    writes.execute(
        () -> {
          try (Connection connection = database.connection()) {
            Sql.query(
                connection,
                CANCEL,
                row -> null,
                timedOut ? "timed out" : "cancelled by the deciding process",
                id);
          } catch (SQLException e) {
            log.warn(
                "cannot cancel try row {} in {}: {}", id, database.where(), database.reason(e));
          }
        });
  }

  /** Tries in flight (launched, not yet ended): for tests and the run's end. */
  int inFlight() {
    return launched.size();
  }

  /** Stops watching; tries still queued or running stay in the database for a resumed run. */
  @Override
  public void close() {
    closed = true;
    writes.shutdown();
    try {
      writes.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watcher.interrupt();
    try {
      watcher.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
