package io.processflow.postgres;

import io.processflow.api.TaskError;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.execution.SingleTaskRun;
import io.processflow.runtime.journal.JournalHeader;
import io.processflow.runtime.journal.RunDocuments;
import io.processflow.runtime.logs.TaskLogRecording;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task bodies of the DAGs on its own classpath for deciding processes elsewhere: claims queued
 * tries from {@code pf_task} ({@code SELECT … FOR UPDATE SKIP LOCKED}: many workers, no try claimed
 * twice), renews their leases on the database's clock while they run, and stores each outcome only
 * while the try is still its own (fencing: a try whose lease expired, or that the deciding process
 * cancelled, is not its own any more, and its late completion is refused).
 *
 * <p>A try runs as a one-task run of the DAG ({@link SingleTaskRun#startTry}) with the context a
 * local run would give it: the run's id, logical date and params from the run's log, the outputs of
 * the run's succeeded tasks, and the try number the deciding process gave it. What the worker read
 * of a run's log is kept ({@link RunContexts}), so a try reads only the rows written since. Nothing
 * read from the database is executed: the body is the worker's own code for that DAG and task id.
 *
 * <p>Execution is at least once: a try whose worker died (or stopped heartbeating for a lease) is
 * retried elsewhere, possibly while the first body is still running somewhere cut off. Task bodies
 * should therefore be idempotent, as Airflow asks of its tasks.
 */
public final class DbWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DbWorker.class);

  /** The largest task output the database mode stores, as its JSON document: 1 MiB. */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;

  static final String CLAIM =
      "WITH claimed AS (UPDATE pf_task SET state = 'running', worker = ?,"
          + " lease_until = now() + ? * interval '1 millisecond', started_at = clock_timestamp()"
          + " WHERE id = (SELECT id FROM pf_task WHERE state = 'queued' AND queue = ANY(?) AND dag_id = ANY(?)"
          + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, run, dag_id, task_id, try_number)"
          + " SELECT id, run, dag_id, task_id, try_number, pg_notify('"
          + Notifications.TASK_CHANGED
          + "', '') FROM claimed";
  private static final String HEARTBEAT =
      "UPDATE pf_task SET lease_until = now() + ? * interval '1 millisecond'"
          + " WHERE worker = ? AND state = 'running' RETURNING id";
  static final String COMPLETE =
      "WITH done AS (UPDATE pf_task SET state = ?, output = ?, error = ?, actions = ?,"
          + " ended_at = clock_timestamp()"
          + " WHERE id = ? AND try_number = ? AND worker = ? AND state = 'running' RETURNING id)"
          + " SELECT pg_notify('"
          + Notifications.TASK_CHANGED
          + "', '') FROM done";

  private final Database database;
  private final Map<String, DagDefinition> dags;
  private final int concurrency;
  private final List<String> queues;
  private final Duration lease;
  private final Duration poll;
  private final int maxOutputBytes;
  private final String id;
  private final DagRunner runner;
  private final Map<DagDefinition, RunDocuments> documents = new ConcurrentHashMap<>();
  private final RunContexts contexts = new RunContexts();
  private final DbTryLogs tryLogs;

  /** The tries running here by row id, to cancel when their row is no longer this worker's. */
  private final Map<Long, RunHandle> running = new ConcurrentHashMap<>();

  private final Object work = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  /**
   * A worker for {@code dags}, running up to {@code concurrency} tries of the {@code queues} at
   * once (Airflow's {@code celery worker -q q1,q2}), each held by a lease of {@code lease} renewed
   * every third of it.
   */
  public DbWorker(
      Database database,
      List<DagDefinition> dags,
      int concurrency,
      List<String> queues,
      Duration lease,
      Duration poll,
      int maxOutputBytes) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1, not " + concurrency);
    }
    this.database = database;
    this.dags = new HashMap<>();
    dags.forEach(dag -> this.dags.put(dag.dagId(), dag));
    this.concurrency = concurrency;
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("a worker serves at least one queue");
    }
    this.queues = List.copyOf(queues);
    this.lease = lease;
    this.poll = poll;
    this.maxOutputBytes = maxOutputBytes;
    this.id =
        host()
            + ":"
            + ProcessHandle.current().pid()
            + ":"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
    this.runner = DagRunner.builder().workerThreads(concurrency).build();
    this.tryLogs = new DbTryLogs(database);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /** This worker's id in {@code pf_task.worker}: host, process id and a random suffix. */
  public String id() {
    return id;
  }

  /** Starts claiming. */
  public DbWorker start() {
    for (int i = 0; i < concurrency; i++) {
      threads.add(thread(this::claimLoop, "processflow-worker-" + i));
    }
    threads.add(thread(this::listen, "processflow-worker-listener"));
    threads.add(thread(this::heartbeat, "processflow-worker-heartbeat"));
    threads.forEach(Thread::start);
    log.info(
        "worker {} claims tries of {} from queue(s) {} in {}",
        id,
        dags.keySet(),
        queues,
        database.where());
    return this;
  }

  private static Thread thread(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private void claimLoop() {
    while (!closed) {
      Claimed claimed;
      try (Connection connection = database.connection()) {
        List<Claimed> rows =
            Sql.query(
                connection,
                CLAIM,
                row ->
                    new Claimed(
                        row.getLong(1),
                        row.getLong(2),
                        row.getString(3),
                        row.getString(4),
                        row.getInt(5)),
                id,
                lease.toMillis(),
                queues.toArray(new String[0]),
                dags.keySet().toArray(new String[0]));
        claimed = rows.isEmpty() ? null : rows.get(0);
      } catch (SQLException e) {
        if (!closed) {
          log.warn("cannot claim from {}: {}; retrying", database.where(), database.reason(e));
        }
        claimed = null;
      }
      if (claimed == null) {
        waitForWork();
      } else {
        runTry(claimed);
      }
    }
  }

  private void waitForWork() {
    synchronized (work) {
      try {
        work.wait(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void listen() {
    try (Notifications notifications = new Notifications(database, Notifications.TASK_QUEUED)) {
      while (!closed) {
        if (notifications.await(poll)) {
          synchronized (work) {
            work.notifyAll();
          }
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /**
   * Renews the leases of the tries running here; a try whose row is no longer this worker's is
   * cancelled.
   */
  private void heartbeat() {
    while (!closed) {
      try {
        Thread.sleep(Math.max(1, lease.toMillis() / 3));
      } catch (InterruptedException e) {
        return;
      }
      Set<Long> before = new HashSet<>(running.keySet());
      Set<Long> held;
      try (Connection connection = database.connection()) {
        held =
            new HashSet<>(
                Sql.query(connection, HEARTBEAT, row -> row.getLong(1), lease.toMillis(), id));
      } catch (SQLException e) {
        log.warn(
            "cannot renew the leases in {}: {}; retrying", database.where(), database.reason(e));
        continue;
      }
      for (Long row : before) {
        RunHandle handle = running.get(row);
        if (!held.contains(row) && handle != null) {
          log.warn(
              "try row {} is no longer this worker's (cancelled, or its lease expired): stopping it",
              row);
          handle.cancel();
        }
      }
    }
  }

  private record Claimed(long row, long run, String dagId, String taskId, int tryNumber) {}

  /** A try's outcome as its row stores it. */
  private record Outcome(String state, String output, String error, String actions) {}

  private void runTry(Claimed claimed) {
    String output = null;
    String error = null;
    String runId = "?";
    DispatchedActions dispatched = null;
    try {
      DagDefinition dag = dags.get(claimed.dagId());
      RunContexts.Context context;
      try (Connection connection = database.connection()) {
        context = contexts.context(connection, claimed.run(), dag);
      }
      JournalHeader header = context.header();
      runId = header.runId();
      RunDocuments runDocuments = documents.computeIfAbsent(dag, RunDocuments::of);
      dispatched = new DispatchedActions(runDocuments);
      RunConfig.Builder config =
          RunConfig.builder()
              .runId(runId)
              .logicalDate(header.logicalDate())
              .params(header.params())
              .middleware(dispatched);
      if (!context.noTaskLogs()) {
        config.recorder(tryLog(claimed, dag));
      }
      RunHandle handle =
          SingleTaskRun.startTry(
              runner,
              dag,
              claimed.taskId(),
              claimed.tryNumber(),
              context.outputs(),
              context.appActions(),
              config.build());
      running.put(claimed.row(), handle);
      RunResult result;
      try {
        result = handle.result().join();
      } finally {
        running.remove(claimed.row());
      }
      TaskInstance task = result.task(claimed.taskId());
      if (task.state() == TaskState.SUCCESS) {
        output =
            runDocuments.transfer(
                new TaskStatusUpdate(
                    runId,
                    claimed.taskId(),
                    Instant.now(),
                    TaskState.SUCCESS,
                    claimed.tryNumber(),
                    null,
                    task.output()));
        error = tooLarge(claimed, "returned an output", output);
        output = error == null ? output : null;
      } else {
        TaskError failure = task.error();
        error =
            failure == null
                ? "task ended " + task.state()
                : failure.summary() + "\n" + failure.stackTrace();
      }
    } catch (RuntimeException | SQLException e) {
      error = "the worker could not run the try: " + e;
    }
    String actions = dispatched == null ? null : dispatched.text();
    String actionsTooLarge = tooLarge(claimed, "dispatched actions", actions);
    if (actionsTooLarge != null) {
      actions = null;
      output = null;
      error = error == null ? actionsTooLarge : error + "\n" + actionsTooLarge;
    }
    complete(
        claimed, new Outcome(error == null ? "success" : "failed", output, error, actions), runId);
  }

  /** Why {@code document} (what the try {@code what}) is too large to store, or null. */
  private String tooLarge(Claimed claimed, String what, String document) {
    int size = document == null ? 0 : document.getBytes(StandardCharsets.UTF_8).length;
    if (size <= maxOutputBytes) {
      return null;
    }
    return "task '"
        + claimed.taskId()
        + "' of DAG '"
        + claimed.dagId()
        + "' "
        + what
        + " of "
        + size
        + " bytes as JSON; the database mode stores at most "
        + maxOutputBytes
        + " bytes per output"
        + " (worker --max-output-bytes). Keep large data elsewhere (a file, an object store, a table)"
        + " and return a reference to it, or raise the limit";
  }

  /**
   * Keeps the try's log in the database: its start and what the task logs, written before its
   * outcome (the deciding process writes its end).
   */
  private RunRecorder tryLog(Claimed claimed, DagDefinition dag) {
    return (isolated, runId, logicalDate, params, resumed) ->
        TaskLogRecording.logsOnly(
            (taskId, tryNumber) ->
                taskId.equals(claimed.taskId()) && tryNumber == claimed.tryNumber()
                    ? tryLogs.workerTry(claimed.row(), claimed.tryNumber(), id)
                    : null,
            TaskLogRecording.Lines.START,
            dag,
            runId,
            logicalDate);
  }

  private void complete(Claimed claimed, Outcome outcome, String runId) {
    long deadline = System.nanoTime() + DbRecording.RECONNECT.toNanos();
    while (true) {
      try (Connection connection = database.connection()) {
        List<Object> done =
            Sql.query(
                connection,
                COMPLETE,
                row -> 1,
                outcome.state(),
                outcome.output(),
                outcome.error(),
                outcome.actions(),
                claimed.row(),
                claimed.tryNumber(),
                id);
        if (done.isEmpty()) {
          log.warn(
              "refused: the {} of try {} of task {} (run {}) came after the try stopped being this worker's"
                  + " (its lease expired, or it was cancelled); the deciding process decides from the try it gave out since",
              outcome.state(),
              claimed.tryNumber(),
              claimed.taskId(),
              runId);
        }
        return;
      } catch (SQLException e) {
        if (!Database.connectionLost(e) || System.nanoTime() > deadline || closed) {
          log.error(
              "cannot store the outcome of try row {} in {}: {}",
              claimed.row(),
              database.where(),
              database.reason(e));
          return;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Stops claiming, cancels the tries running here (their rows expire and are retried) and waits
   * for the threads.
   */
  @Override
  public void close() {
    closed = true;
    synchronized (work) {
      work.notifyAll();
    }
    running.values().forEach(RunHandle::cancel);
    for (Thread thread : threads) {
      thread.interrupt();
    }
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    runner.close();
    tryLogs.close();
  }
}
