package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.runtime.journal.JournalHeader;
import io.processflow.runtime.schedule.RunIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scheduler --db} in separate JVMs on a real PostgreSQL, two at once, with three workers,
 * killed with SIGKILL at work and through a restart of the server: every interval of every DAG runs
 * exactly once to success, no transition is recorded twice in a run's log, and every task's
 * recorded success is the one body completion of that try.
 */
class SchedulerKillTest {
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  private String url;
  private Instant start;
  private NodeJvms jvms;
  private final List<Process> schedulers = new ArrayList<>();

  @BeforeEach
  void database() throws Exception {
    jvms = new NodeJvms(home);
    url = pg.server().newDatabase();
    prepare();
  }

  /** The schema and the body table first (the nodes all start at once); the first run soon. */
  private void prepare() throws Exception {
    Database.open(url, Map.of(), 2).close(); // creates the schema
    SchedulerNode.createBodyTable(url);
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
  }

  @AfterEach
  void killAll() throws InterruptedException {
    jvms.close();
  }

  private Process node(String name, String kind) throws IOException {
    Process process = jvms.start(name, SchedulerNode.class, kind, url, start.toString());
    if (kind.equals("scheduler")) {
      schedulers.add(process);
    }
    return process;
  }

  private String output(String name) throws IOException {
    return jvms.output(name);
  }

  private void workers(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      node("worker" + i, "worker");
    }
  }

  /** The runs every test expects: each DAG's {@link SchedulerNode#RUNS} intervals from start. */
  private Set<String> expected() {
    Set<String> runs = new HashSet<>();
    for (String dagId : SchedulerNode.DAG_IDS) {
      for (int k = 0; k < SchedulerNode.RUNS; k++) {
        runs.add(dagId + " " + RunIds.scheduled(start.plus(SchedulerNode.EVERY.multipliedBy(k))));
      }
    }
    return runs;
  }

  private List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet result = connection.createStatement().executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  /** Waits until every expected run has ended, and returns the runs recorded, with their state. */
  private List<String> awaitRuns(String... nodes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<String> ended = List.of();
    while (System.nanoTime() < deadline) {
      ended =
          rows(
              "SELECT dag_id || ' ' || run_id FROM pf_run"
                  + " WHERE upper(state) IN ('SUCCESS', 'FAILED')");
      if (ended.size() >= expected().size()) {
        break;
      }
      Thread.sleep(50);
    }
    StringBuilder logs = new StringBuilder();
    for (String node : nodes) {
      logs.append("--- ").append(node).append('\n').append(output(node));
    }
    assertThat(ended).as("runs ended in time%n%s", logs).hasSameSizeAs(expected());
    return rows("SELECT dag_id || ' ' || run_id || ' ' || upper(state) FROM pf_run");
  }

  /**
   * Every expected run once, succeeded; its log numbered without gaps; one header per start and
   * resume; within each segment no task transition twice; one success per task, whose try is the
   * one body completion of that try; one end of the run.
   */
  private void assertEveryIntervalRanOnceAndNoTransitionTwice(List<String> runs) throws Exception {
    List<String> succeeded = new ArrayList<>();
    for (String run : expected()) {
      succeeded.add(run + " SUCCESS");
    }
    assertThat(runs).containsExactlyInAnyOrderElementsOf(succeeded);
    for (String run : expected()) {
      String dagId = run.split(" ")[0];
      String runId = run.split(" ")[1];
      List<String> docs =
          rows(
              "SELECT l.seq || ' ' || l.doc FROM pf_run r JOIN pf_run_log l ON l.run = r.id"
                  + " WHERE r.dag_id = '"
                  + dagId
                  + "' AND r.run_id = '"
                  + runId
                  + "' ORDER BY l.seq");
      Map<String, Integer> successes = new TreeMap<>();
      Set<String> segment = new HashSet<>();
      int ends = 0;
      for (int i = 0; i < docs.size(); i++) {
        String row = docs.get(i);
        int space = row.indexOf(' ');
        assertThat(Integer.parseInt(row.substring(0, space)))
            .as("%s row number", run)
            .isEqualTo(i + 1);
        JsonNode doc = JSON.readTree(row.substring(space + 1));
        String type = doc.path("type").asText();
        if (type.equals(JournalHeader.TYPE)) {
          segment.clear();
        } else if (type.equals(TaskStatusUpdate.TYPE)) {
          String transition =
              doc.path("taskId").asText()
                  + " try "
                  + doc.path("tryNumber").asInt()
                  + " "
                  + doc.path("state").asText();
          assertThat(segment.add(transition)).as("%s: %s recorded twice", run, transition).isTrue();
          if (doc.path("state").asText().equalsIgnoreCase("success")) {
            assertThat(successes.put(doc.path("taskId").asText(), doc.path("tryNumber").asInt()))
                .as("%s: a second success of %s", run, doc.path("taskId").asText())
                .isNull();
          }
        } else if (type.equals(DagRunStatusUpdate.TYPE)
            && doc.path("state").asText().matches("(?i)success|failed")) {
          ends++;
        }
      }
      assertThat(ends).as("%s ends", run).isEqualTo(1);
      assertThat(successes).as("%s successes", run).hasSize(SchedulerNode.TASKS);
      for (Map.Entry<String, Integer> success : successes.entrySet()) {
        assertThat(
                rows(
                    "SELECT pid::text FROM pf_test_sched_body WHERE dag_id = '"
                        + dagId
                        + "' AND run_id = '"
                        + runId
                        + "' AND task_id = '"
                        + success.getKey()
                        + "' AND try_number = "
                        + success.getValue()))
            .as("%s: body completions of %s try %d", run, success.getKey(), success.getValue())
            .hasSize(1);
      }
    }
  }

  private void assertNoNoise(String... schedulers) throws IOException {
    for (String scheduler : schedulers) {
      assertThat(output(scheduler))
          .as(scheduler)
          .contains("scheduler on jdbc:postgresql:")
          .doesNotContain("could not run")
          .doesNotContain("Exception in thread");
    }
  }

  @Test
  void twoSchedulersAndThreeWorkersRunEveryIntervalOnce() throws Exception {
    workers(3);
    node("scheduler1", "scheduler");
    node("scheduler2", "scheduler");
    List<String> runs = awaitRuns("scheduler1", "scheduler2");
    assertEveryIntervalRanOnceAndNoTransitionTwice(runs);
    assertNoNoise("scheduler1", "scheduler2");
    long started =
        (output("scheduler1") + output("scheduler2"))
            .lines()
            .filter(line -> line.startsWith("started "))
            .count();
    assertThat(started).as("runs started, by both schedulers").isEqualTo(expected().size());
  }

  @Test
  void aSchedulerKilledMidRunHasItsRunCarriedOnByTheOther() throws Exception {
    workers(3);
    Process first = node("scheduler1", "scheduler");
    // The second starts once the first has a run going, so that the first certainly has one.
    String victimRun = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (victimRun == null && System.nanoTime() < deadline) {
      List<String> mid =
          rows(
              "SELECT r.dag_id || ' ' || r.run_id FROM pf_run r"
                  + " WHERE upper(r.state) NOT IN ('SUCCESS', 'FAILED') AND EXISTS (SELECT 1 FROM"
                  + " pf_test_sched_body b WHERE b.dag_id = r.dag_id AND b.run_id = r.run_id)");
      if (!mid.isEmpty()) {
        victimRun = mid.get(0);
      }
      Thread.sleep(5);
    }
    assertThat(victimRun).as("a run with a task done%n%s", output("scheduler1")).isNotNull();
    first.destroyForcibly(); // SIGKILL, its runs in the middle
    first.waitFor(10, TimeUnit.SECONDS);
    assertThat(
            rows(
                "SELECT upper(state) FROM pf_run WHERE dag_id || ' ' || run_id = '"
                    + victimRun
                    + "'"))
        .as("killed mid-run")
        .containsExactly("RUNNING");
    node("scheduler2", "scheduler");
    List<String> runs = awaitRuns("scheduler1", "scheduler2");
    assertEveryIntervalRanOnceAndNoTransitionTwice(runs);
    assertThat(output("scheduler2"))
        .as("the other scheduler resumed the killed one's run")
        .contains("resumed " + victimRun);
    assertNoNoise("scheduler2");
  }

  @Test
  void aPostgresRestartMidRunLeavesBothSchedulersRunningEveryIntervalOnce() throws Exception {
    // Not under @TempDir: as root the server runs as nobody, who must reach its data directory.
    Path pgdata =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "pf-sched-restart-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    EmbeddedPg own = EmbeddedPg.start(pgdata, 0);
    int port = own.port();
    try {
      url = own.newDatabase();
      prepare();
      workers(3);
      node("scheduler1", "scheduler");
      node("scheduler2", "scheduler");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rows("SELECT task_id FROM pf_test_sched_body").size() < 3
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      own.close();
      Thread.sleep(1000);
      own = EmbeddedPg.start(pgdata, port);
      List<String> runs = awaitRuns("scheduler1", "scheduler2");
      assertEveryIntervalRanOnceAndNoTransitionTwice(runs);
      for (int i = 0; i < 2; i++) {
        assertThat(schedulers.get(i).isAlive())
            .as("scheduler%d lives on:%n%s", i + 1, output("scheduler" + (i + 1)))
            .isTrue();
      }
    } finally {
      killAll();
      own.close();
      try (var files = Files.walk(pgdata)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }
}
