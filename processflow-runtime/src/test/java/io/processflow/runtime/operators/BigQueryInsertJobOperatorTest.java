package io.processflow.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.operators.bigquery.BigQueryClient;
import io.processflow.runtime.operators.bigquery.BigQueryJob;
import io.processflow.runtime.operators.bigquery.BigQueryJobException;
import io.processflow.runtime.operators.bigquery.FakeBigQueryService;
import io.processflow.runtime.operators.bigquery.JobScript;
import io.processflow.runtime.operators.bigquery.JobState;
import io.processflow.runtime.template.FakeTaskContext;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.template.TemplateException;
import io.processflow.runtime.time.ManualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BigQueryInsertJobOperatorTest {
  private static final String PROJECT = "process-flow-demo-project";

  private final ManualTimer timer = new ManualTimer();
  private final FakeBigQueryService bigQuery = new FakeBigQueryService(timer);
  private final FakeTaskContext context =
      new FakeTaskContext(
              "load", Instant.parse("2024-01-31T00:00:00Z"), TemplateEngine.defaultEngine())
          .param("table", "sales")
          .timer(timer);

  private static Map<String, Object> query(String sql) {
    return Map.of(
        "query",
        Map.of(
            "query",
            sql,
            "useLegacySql",
            false,
            "destinationTable",
            Map.of(
                "projectId", PROJECT, "datasetId", "analytics", "tableId", "daily_{{ ds_nodash }}"),
            "writeDisposition",
            "WRITE_TRUNCATE"));
  }

  private BigQueryInsertJobOperator operator(Map<String, ?> configuration) {
    return new BigQueryInsertJobOperator(PROJECT, configuration)
        .client(bigQuery)
        .polling(
            PollingPolicy.backoff(
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5)));
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<String> start(BigQueryInsertJobOperator op, FakeTaskContext ctx)
      throws Exception {
    return (CompletableFuture<String>) op.execute(ctx);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    return future.handle((v, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
  }

  @Test
  @SuppressWarnings("unchecked")
  void submitsTheRenderedJobAndOutputsItsIdWhenDone() throws Exception {
    CompletableFuture<String> result =
        start(
            operator(query("select * from {{ params.table }} where ds = '{{ ds }}'"))
                .jobId("job_{{ ds_nodash }}"),
            context);

    assertThat(result).isCompletedWithValue("job_20240131");
    BigQueryJob job = bigQuery.jobs().get(0);
    assertThat(job.succeeded()).isTrue();
    assertThat(job.location()).isEqualTo("US");
    Map<String, Object> q = (Map<String, Object>) job.configuration().get("query");
    assertThat(q.get("query")).isEqualTo("select * from sales where ds = '2024-01-31'");
    assertThat(((Map<String, Object>) q.get("destinationTable")).get("tableId"))
        .isEqualTo("daily_20240131");
  }

  @Test
  void aSlowJobIsPolledWithBackoffUntilDone() throws Exception {
    bigQuery.enqueue(JobScript.succeedAfter(Duration.ofSeconds(30)));
    CompletableFuture<String> result = start(operator(query("select 1")).jobId("slow"), context);
    Instant inserted = timer.now();

    timer.advance(Duration.ofSeconds(29));
    assertThat(result).isNotDone();
    assertThat(bigQuery.jobs().get(0).state()).isEqualTo(JobState.RUNNING);
    timer.advance(Duration.ofSeconds(30));

    assertThat(result).isCompletedWithValue("slow");
    List<Long> polls =
        bigQuery.statusRequests(PROJECT, "slow").stream()
            .map(t -> Duration.between(inserted, t).toMillis())
            .toList();
    // 1 s, x1.5 each time, at most 10 s
    assertThat(polls).containsExactly(0L, 1000L, 2500L, 4750L, 8125L, 13187L, 20781L, 30781L);
  }

  @Test
  void aFailedJobFailsTheTaskWithBigQuerysError() throws Exception {
    bigQuery.enqueue(
        JobScript.failAfter(
            Duration.ofSeconds(5),
            "invalidQuery",
            "Syntax error: Unexpected keyword FORM at [1:10]"));
    CompletableFuture<String> result =
        start(operator(query("select * form t")).jobId("bad"), context);
    timer.advance(Duration.ofMinutes(1));

    assertThat(failure(result))
        .isInstanceOf(BigQueryJobException.class)
        .hasMessage(
            "BigQuery job bad failed: invalidQuery: Syntax error: Unexpected keyword FORM at [1:10]");
    assertThat(((BigQueryJobException) failure(result)).error().reason()).isEqualTo("invalidQuery");
  }

  @Test
  void aRejectedInsertFailsAtOnce() {
    bigQuery.enqueue(
        JobScript.rejectInsert("accessDenied", "Access Denied: Project process-flow-demo-project"));
    assertThatThrownBy(() -> start(operator(query("select 1")), context))
        .isInstanceOf(BigQueryJobException.class)
        .hasMessageContaining("accessDenied");
  }

  @Test
  void aJobThatOutlivesTheTimeoutIsCancelledAndFailsTheTask() throws Exception {
    bigQuery.enqueue(JobScript.succeedAfter(Duration.ofHours(2)));
    CompletableFuture<String> result = start(operator(query("select 1")).jobId("forever"), context);
    timer.advance(Duration.ofMinutes(6));

    assertThat(failure(result))
        .isInstanceOf(BigQueryJobException.class)
        .hasMessageContaining("did not finish within PT5M");
    BigQueryJob job = bigQuery.jobs().get(0);
    assertThat(job.state()).isEqualTo(JobState.DONE);
    assertThat(job.errorResult().reason()).isEqualTo("stopped");
  }

  @Test
  void cancellingTheTaskCancelsTheJobAndStopsPolling() throws Exception {
    bigQuery.enqueue(JobScript.succeedAfter(Duration.ofHours(1)));
    CompletableFuture<String> result =
        start(operator(query("select 1")).jobId("cancel_me"), context);
    timer.advance(Duration.ofSeconds(3));
    int pollsBefore = bigQuery.statusRequests(PROJECT, "cancel_me").size();

    result.cancel(true);
    timer.advance(Duration.ofMinutes(10));

    assertThat(bigQuery.jobs().get(0).errorResult().reason()).isEqualTo("stopped");
    assertThat(bigQuery.statusRequests(PROJECT, "cancel_me")).hasSize(pollsBefore);
    assertThat(timer.pending()).isZero();
  }

  @Test
  void invalidConfigurationIsRejectedWithEveryProblemBeforeSubmitting() {
    Map<String, Object> config =
        Map.of(
            "qurey", Map.of(),
            "query",
                Map.of(
                    "query",
                    " ",
                    "writeDisposition",
                    "TRUNCATE",
                    "destinationTable",
                    Map.of("datasetId", "bad-dataset!", "tableId", "t")));
    assertThatThrownBy(() -> start(operator(config), context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid BigQuery job configuration in task 'load'")
        .hasMessageContaining(
            "configuration.qurey is not a job configuration key; expected one of [query, load")
        .hasMessageContaining("configuration.query.query must be a non-empty string")
        .hasMessageContaining(
            "configuration.query.writeDisposition is 'TRUNCATE'; expected one of WRITE_TRUNCATE, WRITE_APPEND, WRITE_EMPTY")
        .hasMessageContaining("configuration.query.destinationTable.datasetId is 'bad-dataset!'");
    assertThat(bigQuery.jobs()).isEmpty();
  }

  @Test
  void noJobTypeIsAProblem() {
    assertThatThrownBy(() -> start(operator(Map.of("labels", Map.of("a", "b"))), context))
        .hasMessageContaining("needs exactly one of query, load, copy or extract; it has none");
  }

  @Test
  void aTemplateErrorInTheConfigurationNamesTheField() {
    assertThatThrownBy(() -> start(operator(query("select {{ params.nope }}")), context))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> assertThat(e.templateName()).isEqualTo("load.configuration.query.query"));
  }

  @Test
  void anEmptyConfigurationSubmitsNothingAndOutputsAJobId() throws Exception {
    Object output = operator(Map.of()).execute(context);
    assertThat(output).asString().startsWith("processflow_etl_load_20240131T000000_1_");
    assertThat(bigQuery.jobs()).isEmpty();
  }

  @Test
  void generatedJobIdsDifferPerTry() throws Exception {
    CompletableFuture<String> first = start(operator(query("select 1")), context);
    CompletableFuture<String> second = start(operator(query("select 1")), context);
    assertThat(first.join()).isNotEqualTo(second.join()).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void aRetryOfAJobIdWithoutTheTryNumberGetsAJobOfItsOwn() throws Exception {
    bigQuery.enqueue(JobScript.failAfter(Duration.ZERO, "backendError", "Backend error"));
    BigQueryInsertJobOperator op = operator(query("select 1")).jobId("load_{{ ds_nodash }}");
    assertThat(failure(start(op, context))).isInstanceOf(BigQueryJobException.class);

    CompletableFuture<String> retry = start(op, context.tryNumber(2));

    assertThat(retry).isCompletedWithValue("load_20240131_try2");
    assertThat(bigQuery.jobs())
        .extracting(BigQueryJob::jobId)
        .containsExactly("load_20240131", "load_20240131_try2");
    assertThat(bigQuery.jobs().get(1).succeeded()).isTrue();
  }

  @Test
  void aJobIdTemplateCanNameEachTryWithTheTryNumber() throws Exception {
    bigQuery.enqueue(JobScript.failAfter(Duration.ZERO, "backendError", "Backend error"));
    BigQueryInsertJobOperator op =
        operator(query("select 1")).jobId("load_{{ ds_nodash }}_{{ ti.try_number }}");
    assertThat(failure(start(op, context))).isInstanceOf(BigQueryJobException.class);

    assertThat(start(op, context.tryNumber(2))).isCompletedWithValue("load_20240131_2");
    assertThat(bigQuery.jobs())
        .extracting(BigQueryJob::jobId)
        .containsExactly("load_20240131_1", "load_20240131_2");
  }

  @Test
  void theDefaultJobIdNamesTheTry() throws Exception {
    assertThat(start(operator(query("select 1")), context.tryNumber(2)).join())
        .startsWith("processflow_etl_load_20240131T000000_2_");
  }

  @Test
  void aRetryInARunUsesAnotherJobIdThanTheFailedTry() {
    bigQuery.enqueue(JobScript.failAfter(Duration.ZERO, "backendError", "Backend error"));
    DagBuilder dag = DagBuilder.dag("bq_retry");
    dag.task("load", operator(query("select 1")).jobId("load_{{ ds_nodash }}"))
        .retries(1)
        .retryDelay(Duration.ofMillis(1));
    RunResult result;
    try (DagRunner runner = DagRunner.builder().workerThreads(1).build()) {
      result =
          runner.run(
              dag.build(),
              RunConfig.builder().logicalDate(Instant.parse("2024-01-31T00:00:00Z")).build());
    }

    assertThat(result.task("load").state()).as(result.summaryTable()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("load").tryNumber()).isEqualTo(2);
    assertThat(result.task("load").output()).isEqualTo("load_20240131_try2");
    assertThat(bigQuery.jobs())
        .extracting(BigQueryJob::jobId)
        .containsExactly("load_20240131", "load_20240131_try2");
  }

  @Test
  void aDuplicateJobIdIsRefused() throws Exception {
    start(operator(query("select 1")).jobId("same"), context).join();
    assertThatThrownBy(() -> start(operator(query("select 1")).jobId("same"), context))
        .isInstanceOf(BigQueryJobException.class)
        .hasMessageContaining("Already Exists: Job process-flow-demo-project:US.same");
  }

  /**
   * A client of its own, as a real client's adapter would be: it records each call, then asks the
   * fake.
   */
  private static final class RecordingClient implements BigQueryClient {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final BigQueryClient bigQuery;

    RecordingClient(BigQueryClient bigQuery) {
      this.bigQuery = bigQuery;
    }

    @Override
    public BigQueryJob insertJob(
        String projectId, String jobId, String location, Map<String, Object> configuration)
        throws BigQueryJobException {
      calls.add("insert " + projectId + ":" + location + "." + jobId);
      return bigQuery.insertJob(projectId, jobId, location, configuration);
    }

    @Override
    public BigQueryJob getJob(String projectId, String jobId, String location)
        throws BigQueryJobException {
      calls.add("get " + projectId + ":" + location + "." + jobId);
      return bigQuery.getJob(projectId, jobId, location);
    }

    @Override
    public BigQueryJob cancelJob(String projectId, String jobId, String location)
        throws BigQueryJobException {
      calls.add("cancel " + projectId + ":" + location + "." + jobId);
      return bigQuery.cancelJob(projectId, jobId, location);
    }
  }

  @Test
  void theOperatorRunsAJobThroughAnyBigQueryClientInTheJobsLocation() throws Exception {
    bigQuery.enqueue(JobScript.succeedAfter(Duration.ofSeconds(2)));
    RecordingClient client = new RecordingClient(bigQuery);
    CompletableFuture<String> result =
        start(operator(query("select 1")).client(client).location("EU").jobId("in_eu"), context);
    timer.advance(Duration.ofSeconds(3));

    assertThat(result).isCompletedWithValue("in_eu");
    assertThat(client.calls)
        .containsExactly(
            "insert " + PROJECT + ":EU.in_eu",
            "get " + PROJECT + ":EU.in_eu",
            "get " + PROJECT + ":EU.in_eu",
            "get " + PROJECT + ":EU.in_eu");
  }

  @Test
  void aJobThatOutlivesTheTimeoutIsCancelledInItsLocation() throws Exception {
    bigQuery.enqueue(JobScript.succeedAfter(Duration.ofHours(2)));
    RecordingClient client = new RecordingClient(bigQuery);
    CompletableFuture<String> result =
        start(
            operator(query("select 1")).client(client).location("asia-northeast1").jobId("tokyo"),
            context);
    timer.advance(Duration.ofMinutes(6));

    assertThat(failure(result)).isInstanceOf(BigQueryJobException.class);
    assertThat(client.calls).last().isEqualTo("cancel " + PROJECT + ":asia-northeast1.tokyo");
    assertThat(bigQuery.jobs().get(0).errorResult().reason()).isEqualTo("stopped");
  }

  @Test
  void theFakeFindsAJobOnlyInItsLocationAsBigQueryDoes() throws Exception {
    bigQuery.insertJob(PROJECT, "job", "EU", query("select 1"));

    assertThat(bigQuery.getJob(PROJECT, "job", "eu").succeeded()).isTrue();
    assertThatThrownBy(() -> bigQuery.getJob(PROJECT, "job", "US"))
        .isInstanceOfSatisfying(
            BigQueryJobException.class, e -> assertThat(e.error().reason()).isEqualTo("notFound"))
        .hasMessage("Not found: Job " + PROJECT + ":US.job");
    assertThatThrownBy(() -> bigQuery.cancelJob(PROJECT, "job", "US"))
        .hasMessageContaining("Not found");
  }

  @Test
  void inARunTheJobIsPolledOnTheRunsTimerAlone() throws Exception {
    bigQuery.enqueue(JobScript.succeedAfter(Duration.ofSeconds(30)));
    DagBuilder dag = DagBuilder.dag("bq_clock");
    dag.task("load", operator(query("select 1")).jobId("slow"));
    try (DagRunner runner = DagRunner.builder().timer(timer).build()) {
      CompletableFuture<RunResult> run = runner.runAsync(dag.build(), RunConfig.defaults());
      // Until the first poll waits on the run's timer, not only until the job exists: the job is
      // inserted a moment before that first poll is scheduled, and a clock advanced in between
      // found nothing due (a CI flake: one status request instead of eight).
      for (int i = 0; i < 3000 && timer.pending() == 0; i++) {
        Thread.sleep(10);
      }
      Instant inserted = bigQuery.jobs().get(0).creationTime();
      timer.advance(Duration.ofMinutes(1));
      RunResult result = run.get(30, TimeUnit.SECONDS);

      assertThat(result.task("load").output()).isEqualTo("slow");
      // The polls of aSlowJobIsPolledWithBackoffUntilDone, on the run's clock: the last at 30.78125
      // s.
      Duration lastPoll = Duration.ofNanos(30_781_250_000L);
      assertThat(bigQuery.statusRequests(PROJECT, "slow"))
          .hasSize(8)
          .last()
          .isEqualTo(inserted.plus(lastPoll));
      assertThat(result.task("load").duration()).isEqualTo(lastPoll);
    }
  }
}
