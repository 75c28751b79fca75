package io.processflow.postgres;

import io.processflow.runtime.cli.Launcher;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.TaskHandle;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One process of the scheduler kill tests ({@link SchedulerKillTest}), beside {@link PgNode}:
 * {@code scheduler URL START} runs {@code scheduler --db URL} (the real command, scanning every
 * second), {@code worker URL START} runs task bodies; both until killed.
 *
 * <p>The DAGs are random from fixed seeds and run every {@link #EVERY} from {@code START} to {@link
 * #RUNS} runs later, with catchup, so the set of runs a test expects is known. Each body sleeps a
 * little, then records its completion in {@code pf_test_sched_body} (run, task, try, process).
 */
final class SchedulerNode {
  static final List<String> DAG_IDS = List.of("sched_a", "sched_b");
  static final Duration EVERY = Duration.ofSeconds(1);
  static final int RUNS = 4;
  static final int TASKS = 6;

  private SchedulerNode() {}

  /** The scheduled DAGs, their first run at {@code start}, their last {@link #RUNS} - 1 later. */
  static List<DagDefinition> dags(String url, Instant start) {
    List<DagDefinition> dags = new ArrayList<>();
    for (int d = 0; d < DAG_IDS.size(); d++) {
      dags.add(dag(url, DAG_IDS.get(d), 31L * d + 5, start));
    }
    return dags;
  }

  private static DagDefinition dag(String url, String dagId, long seed, Instant start) {
    Random random = new Random(seed);
    DagBuilder builder =
        DagBuilder.dag(dagId)
            .schedule(EVERY.toString())
            .startDate(start.toString())
            .endDate(start.plus(EVERY.multipliedBy(RUNS - 1)).toString())
            .catchup(true)
            .maxActiveRuns(3);
    List<TaskHandle> handles = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      String id = "t" + i;
      int sleep = 150 + random.nextInt(250);
      TaskHandle handle =
          builder
              .task(
                  id,
                  ctx -> {
                    Thread.sleep(sleep);
                    record(url, dagId, ctx.runId(), id, ctx.tryNumber());
                    return null;
                  })
              .retries(3)
              .retryDelay(Duration.ofMillis(100));
      if (i > 0) {
        handles.get(random.nextInt(i)).then(handle);
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
              "CREATE TABLE IF NOT EXISTS pf_test_sched_body (dag_id text, run_id text, task_id text,"
                  + " try_number int, pid bigint, at timestamptz DEFAULT clock_timestamp())");
    }
  }

  /** Records a body's completion, waiting out a database restart. */
  private static void record(String url, String dagId, String runId, String taskId, int tryNumber)
      throws Exception {
    PgNode.waitingOutRestarts(
        () -> {
          try (Connection connection = DriverManager.getConnection(url);
              PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO pf_test_sched_body (dag_id, run_id, task_id, try_number, pid)"
                          + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, dagId);
            insert.setString(2, runId);
            insert.setString(3, taskId);
            insert.setInt(4, tryNumber);
            insert.setLong(5, ProcessHandle.current().pid());
            insert.executeUpdate();
          }
        });
  }

  public static void main(String[] args) throws Exception {
    String url = args[1];
    List<DagDefinition> dags = dags(url, Instant.parse(args[2]));
    if (args[0].equals("worker")) {
      Database database = Database.open(url, Map.of(), 6);
      new DbWorker(
              database,
              dags,
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
    List<DagProvider> providers = new ArrayList<>();
    dags.forEach(dag -> providers.add(DbFixture.provider(dag)));
    System.exit(Launcher.execute(providers, "scheduler", "--db", url, "--scan-every", "1s"));
  }
}
