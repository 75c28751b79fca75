package io.processflow.postgres;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.Journals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database mode's figures beside the embedded mode's, on one machine: trivial-task throughput
 * with 1, 2 and 4 workers (each a {@link DbWorker} with its own pool, in this JVM), the latency
 * from a task's end to its downstream task's start (from the rows' database timestamps), and the
 * database transactions per task (autocommit statements: one round trip each), and a worker's own
 * time per try over the first, middle and last tenth of a run (a larger run last, 2,000 tasks by
 * default: the per-try cost must not grow with the run). Not a test: run it by hand, see the
 * README's "Many machines".
 */
public final class DbBench {
  private DbBench() {}

  static DagDefinition fan(int n) {
    DagBuilder builder = DagBuilder.dag("fan");
    for (int i = 0; i < n; i++) {
      builder.task("t" + i, ctx -> 1L).outputType(Long.class);
    }
    return builder.build();
  }

  static DagDefinition chain(int n) {
    DagBuilder builder = DagBuilder.dag("chain");
    TaskHandle previous = null;
    for (int i = 0; i < n; i++) {
      TaskHandle next = builder.task("t" + i, ctx -> 1L).outputType(Long.class);
      if (previous != null) {
        previous.then(next);
      }
      previous = next;
    }
    return builder.build();
  }

  public static void main(String[] args) throws Exception {
    int fanTasks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int chainTasks = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    try (EmbeddedPg pg = EmbeddedPg.start()) {
      System.out.printf("%-34s %10s %14s %12s%n", "mode", "tasks/s", "end->start ms", "tx/task");
      embedded(fan(fanTasks), chain(chainTasks), false);
      embedded(fan(fanTasks), chain(chainTasks), true);
      for (int workers : new int[] {1, 2, 4}) {
        database(pg, fan(fanTasks), workers, "fan");
      }
      database(pg, chain(chainTasks), 1, "chain");
      int large = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
      database(pg, fan(large), 1, "fan of " + large);
    }
  }

  private static void embedded(DagDefinition fan, DagDefinition chain, boolean journal)
      throws Exception {
    Path dir = Files.createTempDirectory("pf-bench");
    try (DagRunner runner = DagRunner.builder().workerThreads(2).build()) {
      for (int warm = 0; warm < 3; warm++) {
        runner.run(fan, config(journal, dir, "warm" + warm));
      }
      long start = System.nanoTime();
      runner.run(fan, config(journal, dir, "fan"));
      double seconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      runner.run(chain, config(journal, dir, "chain"));
      double edge = (System.nanoTime() - start) / 1e6 / (chain.taskIds().size() - 1);
      System.out.printf(
          "%-34s %10.0f %14.3f %12s%n",
          "embedded, 2 threads" + (journal ? ", journal fsync" : ""),
          fan.taskIds().size() / seconds,
          edge,
          "-");
    }
  }

  private static RunConfig config(boolean journal, Path dir, String runId) {
    RunConfig.Builder config = RunConfig.builder().runId(runId);
    return journal ? config.recorder(Journals.in(dir).recorder(true)).build() : config.build();
  }

  private static void database(EmbeddedPg pg, DagDefinition dag, int workerCount, String shape)
      throws Exception {
    String url = pg.newDatabase();
    try (Database database = Database.open(url, Map.of(), 8)) {
      DbRunStore store = DbRunStore.in(database);
      List<DbWorker> workers = new ArrayList<>();
      for (int i = 0; i < workerCount; i++) {
        workers.add(
            new DbWorker(
                    Database.open(url, Map.of(), 4),
                    List.of(dag),
                    2,
                    List.of(DbTaskLauncher.DEFAULT_QUEUE),
                    Duration.ofSeconds(30),
                    DbTaskLauncher.POLL,
                    DbWorker.DEFAULT_MAX_OUTPUT_BYTES)
                .start());
      }
      try (DbTaskLauncher launcher = new DbTaskLauncher(database, id -> dag, DbTaskLauncher.POLL);
          DagRunner decider = DagRunner.builder().launcher(launcher).build()) {
        if (!shape.startsWith("fan of")) { // the large run comes last, in a warm JVM
          decider.run(
              dag, RunConfig.builder().runId("warm").recorder(store.recorder(true)).build());
        }
        long commits = commits(url);
        long start = System.nanoTime();
        RunResult result =
            decider.run(
                dag, RunConfig.builder().runId("measured").recorder(store.recorder(true)).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        double perTask = (commits(url) - commits) / (double) dag.taskIds().size();
        if (!result.succeeded()) {
          throw new IllegalStateException(result.summary());
        }
        System.out.printf(
            "%-34s %10.0f %14.3f %12.1f%n",
            "postgres, " + workerCount + " worker(s) x 2, " + shape,
            dag.taskIds().size() / seconds,
            shape.equals("chain") ? edgeMillis(url) : Double.NaN,
            perTask);
        System.out.printf(
            "%-34s %s%n",
            "  worker ms per try (claim->end)", perTryMillis(url, dag.taskIds().size()));
      } finally {
        for (DbWorker worker : workers) {
          worker.close();
        }
      }
    }
  }

  private static long commits(String url) throws Exception {
    return (long)
        single(url, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
  }

  /**
   * A worker's own cost per try, from its claim to its outcome stored (the bodies do nothing): the
   * mean over the first, middle and last tenth of the measured run's tries, in claim order. Equal
   * figures mean a try's cost does not grow with the run.
   */
  private static String perTryMillis(String url, int tasks) throws Exception {
    int tenth = Math.max(1, tasks / 10);
    StringBuilder out = new StringBuilder();
    for (String part : new String[] {"first", "middle", "last"}) {
      int offset =
          part.equals("first") ? 0 : part.equals("middle") ? (tasks - tenth) / 2 : tasks - tenth;
      double ms =
          single(
              url,
              "SELECT avg(ms) FROM (SELECT extract(epoch FROM (t.ended_at - t.started_at)) * 1000 AS ms"
                  + " FROM pf_task t JOIN pf_run r ON r.id = t.run WHERE r.run_id = 'measured'"
                  + " ORDER BY t.started_at OFFSET "
                  + offset
                  + " LIMIT "
                  + tenth
                  + ") s");
      out.append(String.format("%s %.2f  ", part, ms));
    }
    return out.toString().trim();
  }

  /** The mean time from a try's end to the start of the try after it (a chain's next task). */
  private static double edgeMillis(String url) throws Exception {
    return single(
        url,
        "SELECT avg(extract(epoch FROM (b.started_at - a.ended_at)) * 1000) FROM pf_task a"
            + " JOIN pf_task b ON b.run = a.run AND b.task_id = 't' || (substr(a.task_id, 2)::int + 1)"
            + " JOIN pf_run r ON r.id = a.run WHERE r.run_id = 'measured'");
  }

  /** The number {@code sql} selects. */
  private static double single(String url, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet row = connection.createStatement().executeQuery(sql)) {
      row.next();
      return row.getDouble(1);
    }
  }
}
