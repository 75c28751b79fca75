package io.processflow.runtime.operators;

import io.processflow.api.TaskContext;
import io.processflow.api.TypedOperator;
import io.processflow.runtime.internal.template.AirflowDates;
import io.processflow.runtime.operators.bigquery.BigQueryClient;
import io.processflow.runtime.operators.bigquery.BigQueryJob;
import io.processflow.runtime.operators.bigquery.BigQueryJobException;
import io.processflow.runtime.operators.bigquery.FakeBigQueryService;
import io.processflow.runtime.operators.bigquery.JobConfigurations;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.time.RunTimer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Airflow's {@code BigQueryInsertJobOperator}, against BigQuery's job API through a {@link
 * BigQueryClient} (the in-process {@link FakeBigQueryService} unless {@link #client} names
 * another): renders the job configuration, checks it, inserts the job, then polls its status with
 * the original's backoff (the interval grows ×1.5 from a minimum to a maximum, until an overall
 * timeout; see {@link PollingPolicy#bigQueryDefault()}) on the run's timer, and outputs the job id.
 *
 * <ul>
 *   <li>Templated fields: {@code configuration} (every string inside it; a string ending in {@code
 *       .sql} is a template file), {@code job_id} and {@code project_id}.
 *   <li>A job that ends with an {@code errorResult} fails the task with a {@link
 *       BigQueryJobException}; so does a timeout, after cancelling the job. Cancelling the task's
 *       future cancels the job too. The task holds no thread while it waits.
 *   <li>An empty configuration submits nothing and outputs the job id it would have used: the
 *       original operator's placeholder behaviour, kept so DAGs ported from it still run.
 * </ul>
 */
public final class BigQueryInsertJobOperator extends BaseOperator implements TypedOperator<String> {
  private static final Logger log = LoggerFactory.getLogger(BigQueryInsertJobOperator.class);

  private final String projectId;
  private final Map<String, Object> configuration;
  private String jobId;
  private String location = "US";
  private BigQueryClient client;
  private PollingPolicy polling = PollingPolicy.bigQueryDefault();

  public BigQueryInsertJobOperator(String projectId, Map<String, ?> configuration) {
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException(
          "BigQueryInsertJobOperator needs a projectId, such as \"process-flow-demo-project\"");
    }
    this.projectId = projectId;
    this.configuration = Map.copyOf(Objects.requireNonNull(configuration, "configuration"));
  }

  public String projectId() {
    return projectId;
  }

  /** The configuration as given, before rendering. */
  public Map<String, Object> configuration() {
    return configuration;
  }

  /**
   * The job id (templated). By default each try makes a new one: {@code
   * processflow_<dag>_<task>_<ts_nodash>_<try>_<random>}, so a retry or a rerun is a new job. A
   * given job_id may name each try with {@code {{ ti.try_number }}}; a retry whose job_id is
   * already taken gets {@code _try<N>} appended.
   */
  public BigQueryInsertJobOperator jobId(String jobId) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    return this;
  }

  /** The job's location; {@code US} by default. */
  public BigQueryInsertJobOperator location(String location) {
    this.location = Objects.requireNonNull(location, "location");
    return this;
  }

  /**
   * The BigQuery to submit to: a real client's adapter, or a {@link FakeBigQueryService}; {@link
   * FakeBigQueryService#shared()} by default.
   */
  public BigQueryInsertJobOperator client(BigQueryClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return this;
  }

  /** How to poll the job's status; {@link PollingPolicy#bigQueryDefault()} by default. */
  public BigQueryInsertJobOperator polling(PollingPolicy polling) {
    this.polling = Objects.requireNonNull(polling, "polling");
    return this;
  }

  @Override
  public BigQueryInsertJobOperator templateEngine(TemplateEngine engine) {
    super.templateEngine(engine);
    return this;
  }

  @Override
  protected Map<String, ?> templateFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("configuration", configuration);
    fields.put("job_id", jobId);
    fields.put("project_id", projectId);
    return fields;
  }

  @Override
  protected Set<String> templateExtensions() {
    return Set.of(".sql");
  }

  @Override
  protected Object execute(TaskContext context, RenderedFields fields) throws BigQueryJobException {
    String project = fields.string("project_id");
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException(
          "The project_id of task '" + context.taskId() + "' rendered to an empty string");
    }
    String id = fields.string("job_id");
    if (id == null) {
      id = defaultJobId(context);
    }
    Map<String, Object> config = fields.map("configuration");
    if (config.isEmpty()) {
      log.warn(
          "task {}: empty BigQuery configuration; nothing submitted (job id {})",
          context.taskId(),
          id);
      return id;
    }
    JobConfigurations.validate(context.taskId(), config);
    BigQueryClient bigQuery = client != null ? client : FakeBigQueryService.shared();
    String job = insert(bigQuery, context, project, id, config);
    log.info("task {}: inserted BigQuery job {} into project {}", context.taskId(), job, project);
    CompletableFuture<String> done =
        Polling.poll(
            () -> check(bigQuery, project, job),
            polling,
            RunTimer.of(context),
            () ->
                new BigQueryJobException(
                    job,
                    null,
                    "BigQuery job "
                        + job
                        + " did not finish within "
                        + polling.timeout()
                        + "; it was cancelled. Raise the polling timeout if it needs longer"));
    done.whenComplete(
        (value, error) -> {
          if (error != null) {
            cancelQuietly(bigQuery, project, job);
          }
        });
    return done;
  }

  /**
   * Inserts the job and returns its id. BigQuery refuses a job id it already has, even one whose
   * job failed, so a retry whose job_id renders as an earlier try's (a template without {@code
   * ti.try_number}) would fail at once: the retry's job is then {@code <job_id>_try<N>}. On the
   * first try a duplicate is a clash of the job_id itself and fails the task.
   */
  private String insert(
      BigQueryClient bigQuery,
      TaskContext context,
      String project,
      String id,
      Map<String, Object> config)
      throws BigQueryJobException {
    try {
      bigQuery.insertJob(project, id, location, config);
      return id;
    } catch (BigQueryJobException e) {
      if (context.tryNumber() == 1
          || e.error() == null
          || !e.error().reason().equals("duplicate")) {
        throw e;
      }
      String retryId = id + "_try" + context.tryNumber();
      log.info(
          "task {}: job id {} is taken (an earlier try's job); try {} uses job id {}",
          context.taskId(),
          id,
          context.tryNumber(),
          retryId);
      bigQuery.insertJob(project, retryId, location, config);
      return retryId;
    }
  }

  private Polling.Check<String> check(BigQueryClient bigQuery, String project, String job)
      throws BigQueryJobException {
    BigQueryJob status = bigQuery.getJob(project, job, location);
    if (!status.isDone()) {
      return Polling.Check.notYet();
    }
    if (status.errorResult() != null) {
      throw new BigQueryJobException(
          job, status.errorResult(), "BigQuery job " + job + " failed: " + status.errorResult());
    }
    return Polling.Check.done(job);
  }

  private void cancelQuietly(BigQueryClient bigQuery, String project, String job) {
    try {
      bigQuery.cancelJob(project, job, location);
      log.info("cancelled BigQuery job {} (if it was still running)", job);
    } catch (BigQueryJobException e) {
      log.warn("cannot cancel BigQuery job {}: {}", job, e.getMessage());
    }
  }

  private static String defaultJobId(TaskContext context) {
    String raw =
        "processflow_"
            + context.dagId()
            + "_"
            + context.taskId()
            + "_"
            + AirflowDates.tsNodash(context.logicalDate())
            + "_"
            + context.tryNumber()
            + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    return raw.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  @Override
  public String toString() {
    return "BigQueryInsertJobOperator[" + projectId + "]";
  }
}
