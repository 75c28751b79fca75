package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskState;
import io.processflow.runtime.cli.Launcher;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database as the run's log: the journal's documents, the same reducer, resume and list-runs.
 */
class DbRunStoreTest {
  @RegisterExtension static final EmbeddedPg.PerClass pg = new EmbeddedPg.PerClass();
  private DbRunStore store;
  private String url;
  private final DagRunner runner = DagRunner.builder().workerThreads(2).build();
  private final ConcurrentMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicBoolean failB = new AtomicBoolean(true);
  private final AtomicReference<Object> bSaw = new AtomicReference<>();

  @BeforeEach
  void openStore() {
    url = pg.server().newDatabase();
    store = DbRunStore.open(url);
  }

  @AfterEach
  void close() {
    runner.close();
    store.close();
  }

  /** a -> b -> c; b fails while {@link #failB} is set and records what a gave it. */
  private DagDefinition dag() {
    DagBuilder builder = DagBuilder.dag("pg_dag");
    builder
        .task("a", ctx -> count("a", new BigDecimal("1.10")))
        .outputType(BigDecimal.class)
        .then(
            builder.task(
                "b",
                ctx -> {
                  count("b", null);
                  if (failB.get()) {
                    throw new IllegalStateException("b fails");
                  }
                  bSaw.set(ctx.xcomPull("a"));
                  return "b";
                }))
        .then(builder.task("c", ctx -> count("c", "c")));
    return builder.build();
  }

  /** Resumes run {@code runId} of {@code dag} from the database, clearing nothing. */
  private RunResult resume(DagDefinition dag, String runId) {
    RecordedRun recorded = store.read(dag, runId);
    return runner.run(
        dag,
        RunConfig.builder()
            .runId(runId)
            .logicalDate(recorded.first().logicalDate())
            .resume(Resumes.plan(dag, recorded, List.of()))
            .recorder(store.recorder(true))
            .build());
  }

  private <T> T count(String task, T value) {
    calls.computeIfAbsent(task, k -> new AtomicInteger()).incrementAndGet();
    return value;
  }

  private int calls(String task) {
    AtomicInteger n = calls.get(task);
    return n == null ? 0 : n.get();
  }

  @Test
  void aRunIsRecordedAndResumedFromTheDatabase() {
    DagDefinition dag = dag();
    RunResult first =
        runner.run(dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build());
    assertThat(first.task("b").state()).isEqualTo(TaskState.FAILED);
    assertThat(first.task("c").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    List<RunSummary> runs = store.runs("pg_dag");
    assertThat(runs)
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.runId()).isEqualTo("r1");
              assertThat(run.state()).isEqualTo(DagRunState.FAILED);
              assertThat(run.start()).isNotNull();
              assertThat(run.end()).isNotNull();
            });

    failB.set(false);
    RunResult resumed = resume(dag, "r1");

    assertThat(resumed.succeeded()).isTrue();
    assertThat(calls("a")).as("a succeeded in the first run: kept").isEqualTo(1);
    assertThat(calls("b")).isEqualTo(2);
    assertThat(calls("c")).isEqualTo(1);
    assertThat(bSaw.get())
        .as("a's output back from the database, in value and type")
        .isEqualTo(new BigDecimal("1.10"));
    assertThat(store.runs("pg_dag"))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
              assertThat(run.resumes()).isEqualTo(1);
            });
    assertThat(store.read(dag, "r1").headers()).hasSize(2);
  }

  /**
   * A resume is planned from the rows it read; if another process wrote to the run since (a decider
   * that lost its lock and had not noticed yet, as after a PostgreSQL restart), the resume must not
   * record after those rows: it would run again what they recorded (SchedulerKillTest saw a second
   * success of a task that way).
   */
  @Test
  void aResumeOfARunWrittenToAfterItWasReadIsRefusedBeforeAnyTaskRuns() throws Exception {
    DagDefinition dag = dag();
    runner.run(dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build());
    failB.set(false);
    RecordedRun recorded = store.read(dag, "r1");
    try (Connection connection = DriverManager.getConnection(url)) {
      // The other decider's next row: a copy of the run's last one, at the next number.
      connection
          .createStatement()
          .executeUpdate(
              "INSERT INTO pf_run_log (run, seq, doc) SELECT run, seq + 1, doc FROM pf_run_log"
                  + " WHERE seq = (SELECT max(seq) FROM pf_run_log)");
    }
    assertThatThrownBy(
            () ->
                runner.run(
                    dag,
                    RunConfig.builder()
                        .runId("r1")
                        .logicalDate(recorded.first().logicalDate())
                        .resume(Resumes.plan(dag, recorded, List.of()))
                        .recorder(store.recorder(true))
                        .build()))
        .hasMessageContaining("changed after it was read for its resume")
        .hasMessageContaining("not resumed");
    assertThat(calls("b")).as("nothing ran again").isEqualTo(1);
    // Read again, it resumes.
    assertThat(resume(dag, "r1").succeeded()).isTrue();
    assertThat(calls("b")).isEqualTo(2);
  }

  @Test
  void theDatabaseHoldsTheJournalsDocuments(@TempDir Path runsDir) throws Exception {
    failB.set(false);
    DagDefinition dag = dag();
    Instant logicalDate = Instant.parse("2024-01-01T00:00:00Z");
    // One worker thread: the two runs dispatch the same actions in the same order.
    try (DagRunner serial = DagRunner.builder().workerThreads(1).build()) {
      serial.run(
          dag,
          RunConfig.builder()
              .runId("same")
              .logicalDate(logicalDate)
              .recorder(store.recorder(true))
              .build());
      serial.run(
          dag,
          RunConfig.builder()
              .runId("same")
              .logicalDate(logicalDate)
              .recorder(Journals.in(runsDir).recorder(false))
              .build());
    }
    List<String> journal =
        Files.readAllLines(Journals.in(runsDir).file("pg_dag", "same"), StandardCharsets.UTF_8);
    List<String> documents = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT doc FROM pf_run_log ORDER BY seq")) {
      while (rows.next()) {
        documents.add(rows.getString(1));
      }
    }
    assertThat(withoutTimes(documents)).isEqualTo(withoutTimes(journal)).hasSizeGreaterThan(8);
  }

  @Test
  void aWorkerReadsOnlyTheHeadersAndSuccessesOfARunsLog() throws Exception {
    DagDefinition dag = dag();
    runner.run(dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build());
    List<String> read = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      read.addAll(
          Sql.query(connection, RunContexts.RUN_LOG_AFTER, row -> row.getString(2), 1L, -1));
    }
    assertThat(read).hasSize(2);
    assertThat(read.get(0)).startsWith("{\"type\":\"journal_header\"");
    assertThat(read.get(1))
        .startsWith("{\"type\":\"operation_status_update\"")
        .contains("\"taskId\":\"a\"", "\"state\":\"success\"");
  }

  @Test
  void aWorkersContextOfARunReadsOnlyTheRowsSinceItsLastTryAndForgetsEndedRuns() throws Exception {
    DagDefinition dag = dag();
    RunContexts contexts = new RunContexts();
    runner.run(dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build());
    try (Connection connection = store.database().connection()) {
      RunContexts.Context first = contexts.context(connection, 1L, dag);
      assertThat(first.rowsRead()).as("the header and a's success").isEqualTo(2);
      assertThat(first.outputs()).containsOnlyKeys("a");
      assertThat(first.header().runId()).isEqualTo("r1");
      assertThat(contexts.context(connection, 1L, dag).rowsRead()).as("nothing new since").isZero();

      failB.set(false);
      resume(dag, "r1");
      RunContexts.Context resumed = contexts.context(connection, 1L, dag);
      assertThat(resumed.rowsRead()).as("the resume's header, b's and c's successes").isEqualTo(3);
      assertThat(resumed.outputs())
          .containsEntry("a", new BigDecimal("1.10"))
          .containsEntry("b", "b")
          .containsEntry("c", "c");
      assertThat(resumed.header().runId()).isEqualTo("r1");
      assertThat(contexts.size()).isEqualTo(1);

      runner.run(dag, RunConfig.builder().runId("r2").recorder(store.recorder(true)).build());
      long r2 =
          Sql.query(connection, "SELECT id FROM pf_run WHERE run_id = 'r2'", row -> row.getLong(1))
              .get(0);
      assertThat(contexts.context(connection, r2, dag).header().runId()).isEqualTo("r2");
      assertThat(contexts.size()).as("r1 ended: forgotten when r2 was first seen").isEqualTo(1);
    }
  }

  private static List<String> withoutTimes(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.replaceAll("\"(timestamp|startDate|endDate)\":\"[^\"]*\"", "\"$1\":T"));
    }
    return out;
  }

  @Test
  void aNewRunWithARecordedIdIsRefusedBeforeAnyTaskRuns() {
    failB.set(false);
    DagDefinition dag = dag();
    runner.run(dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build());
    assertThatThrownBy(
            () ->
                runner.run(
                    dag, RunConfig.builder().runId("r1").recorder(store.recorder(true)).build()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("run 'r1' of DAG 'pg_dag' is already recorded in jdbc:postgresql://")
        .hasMessageContaining("--resume r1");
    assertThat(calls("a")).isEqualTo(1);
  }

  @Test
  void oneWriterPerRunAcrossProcesses() {
    try (DbRunStore other = DbRunStore.open(url)) {
      RunStore.Lock held = store.lock("pg_dag", "r1");
      assertThatThrownBy(() -> other.lock("pg_dag", "r1"))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("run 'r1' of DAG 'pg_dag' is being written by another process");
      other.lock("pg_dag", "r2").close(); // another run is free
      held.close();
      other.lock("pg_dag", "r1").close();
    }
  }

  @Test
  void readingAnUnknownRunNamesTheRecordedOnes() {
    failB.set(false);
    DagDefinition dag = dag();
    runner.run(dag, RunConfig.builder().runId("known").recorder(store.recorder(true)).build());
    assertThatThrownBy(() -> store.read(dag, "nope"))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("no run 'nope' of DAG 'pg_dag'")
        .hasMessageContaining("its recorded runs are: known");
  }

  /** run --db decides and a worker runs the bodies; list-runs --db reads the same database. */
  @Test
  void runAndListRunsTakeDb() {
    failB.set(false);
    DagDefinition dag = dag();
    DagProvider provider = DbFixture.provider(dag);
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DbWorker worker =
        new DbWorker(
                store.database(),
                List.of(dag),
                2,
                List.of(DbTaskLauncher.DEFAULT_QUEUE),
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(200),
                DbWorker.DEFAULT_MAX_OUTPUT_BYTES)
            .start()) {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(
              Launcher.execute(
                  List.of(provider),
                  "run",
                  "pg_dag",
                  "--run-id",
                  "cli1",
                  "--db",
                  url,
                  "--progress",
                  "none"))
          .isZero();
      bytes.reset();
      assertThat(Launcher.execute(List.of(provider), "list-runs", "pg_dag", "--db", url)).isZero();
    } finally {
      System.setOut(out);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().skip(1))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("cli1 ")
        .endsWith("success");
    assertThat(store.runs("pg_dag")).extracting(RunSummary::runId).containsExactly("cli1");
    assertThat(calls("a")).isEqualTo(1);
    assertThat(bSaw.get()).isEqualTo(new BigDecimal("1.10"));
  }
}
