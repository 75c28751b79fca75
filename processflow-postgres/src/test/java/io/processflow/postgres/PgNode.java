package io.processflow.postgres;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One process of a distributed run, for the kill tests: {@code worker URL} runs bodies until
 * killed; {@code decide URL RUN_ID [resume]} decides the run (or resumes it) and exits 0 on
 * success, 1 on failure, 2 when refused (another decider has the run).
 *
 * <p>The DAG is random from a fixed seed; each body sleeps a little, then records its completion in
 * {@code pf_test_body} (task, try, process) on its own connection, and prints when it begins.
 */
final class PgNode {
  static final long SEED = 7;
  static final int TASKS = 16;

  private PgNode() {}

  static DagDefinition dag(String url) {
    Random random = new Random(SEED);
    DagBuilder builder = DagBuilder.dag("kill_dag");
    List<TaskHandle> handles = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      String id = "t" + i;
      int sleep = 150 + random.nextInt(250);
      List<String> upstream = new ArrayList<>();
      for (int j = Math.max(0, i - 4); j < i; j++) {
        if (random.nextInt(3) == 0) {
          upstream.add("t" + j);
        }
      }
      TaskHandle handle =
          builder
              .task(
                  id,
                  ctx -> {
                    System.out.println("body start " + id + " try " + ctx.tryNumber());
                    System.out.flush();
                    Thread.sleep(sleep);
                    long sum = 1;
                    for (String up : upstream) {
                      sum += ctx.<Long>xcomPull(up);
                    }
                    record(url, id, ctx.tryNumber());
                    return sum;
                  })
              .outputType(Long.class)
              .retries(3)
              .retryDelay(Duration.ofMillis(100));
      for (String up : upstream) {
        handles.get(Integer.parseInt(up.substring(1))).then(handle);
      }
      handles.add(handle);
    }
    return builder.build();
  }

  static void createBodyTable(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      connection
          .createStatement()
          .execute(
              "CREATE TABLE IF NOT EXISTS pf_test_body (task_id text, try_number int, pid bigint, at timestamptz DEFAULT clock_timestamp())");
    }
  }

  /** Records a body's completion, waiting out a database restart. */
  private static void record(String url, String taskId, int tryNumber) throws Exception {
    waitingOutRestarts(() -> insert(url, taskId, tryNumber));
  }

  /** A statement of the test's own. */
  interface SqlAction {
    void run() throws SQLException;
  }

  /** Runs {@code action}, again every 200 ms for up to a minute while the database is away. */
  static void waitingOutRestarts(SqlAction action) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        action.run();
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static void insert(String url, String taskId, int tryNumber) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO pf_test_body (task_id, try_number, pid) VALUES (?, ?, ?)")) {
      insert.setString(1, taskId);
      insert.setInt(2, tryNumber);
      insert.setLong(3, ProcessHandle.current().pid());
      insert.executeUpdate();
    }
  }

  public static void main(String[] args) throws Exception {
    String url = args[1];
    DagDefinition dag = dag(url);
    if (args[0].equals("worker")) {
      Database database = Database.open(url, Map.of(), 6);
      new DbWorker(
              database,
              List.of(dag),
              2,
              List.of(DbTaskLauncher.DEFAULT_QUEUE),
              Duration.ofSeconds(2),
              Duration.ofMillis(500),
              DbWorker.DEFAULT_MAX_OUTPUT_BYTES)
          .start();
      System.out.println("worker ready");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
      return;
    }
    String runId = args[2];
    boolean resume = args.length > 3;
    int status;
    try (DbRunStore store = DbRunStore.open(url);
        DagRunner runner = DagRunner.builder().launcher(store.launcher(id -> dag)).build()) {
      RunConfig.Builder config = RunConfig.builder().runId(runId).recorder(store.recorder(true));
      RunStore.Lock lock = null;
      if (resume) {
        lock = store.lock(dag.dagId(), runId);
        RecordedRun recorded = store.read(dag, runId);
        config
            .logicalDate(recorded.first().logicalDate())
            .resume(Resumes.plan(dag, recorded, List.of()));
      }
      System.out.println("deciding " + runId);
      System.out.flush();
      RunResult result = runner.run(dag, config.build());
      System.out.println("run " + result.state());
      status = result.succeeded() ? 0 : 1;
      if (lock != null) {
        lock.close();
      }
    } catch (JournalException refused) {
      System.out.println("refused: " + refused.getMessage());
      status = 2;
    }
    System.out.flush();
    System.exit(status);
  }
}
