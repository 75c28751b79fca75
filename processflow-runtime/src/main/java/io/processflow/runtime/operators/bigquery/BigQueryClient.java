package io.processflow.runtime.operators.bigquery;

import java.util.Map;

/**
 * The part of BigQuery's job API that {@link
 * io.processflow.runtime.operators.BigQueryInsertJobOperator} uses: {@code jobs.insert}, {@code
 * jobs.get} and {@code jobs.cancel}, with the job's configuration in the REST API's JSON shape (as
 * Airflow's operator takes it). {@link FakeBigQueryService} implements it in process; an adapter to
 * a real client implements it too, and the operator takes either through {@code client(...)}.
 *
 * <p>An adapter over Google's REST client ({@code com.google.apis:google-api-services-bigquery},
 * whose model takes the configuration's JSON as it is; ProcessFlow does not depend on it) maps:
 *
 * <ul>
 *   <li>{@link #insertJob}: {@code jobs().insert(projectId, new Job().setJobReference(new
 *       JobReference().setProjectId(projectId).setJobId(jobId).setLocation(location))
 *       .setConfiguration(<configuration parsed into JobConfiguration>)).execute()};
 *   <li>{@link #getJob}: {@code jobs().get(projectId, jobId).setLocation(location).execute()};
 *   <li>{@link #cancelJob}: {@code jobs().cancel(projectId,
 *       jobId).setLocation(location).execute()};
 *   <li>the answer's {@code status.state} to {@link JobState}, its {@code status.errorResult} to
 *       {@link BigQueryError}; a {@code GoogleJsonResponseException} to a {@link
 *       BigQueryJobException} whose error has the response's first error reason ({@code duplicate}
 *       for a job id that is taken, which the operator's retries rely on; {@code notFound}).
 * </ul>
 *
 * <p>Calls may come from any thread, several at once; each should return quickly (the operator
 * polls, it does not wait inside a call).
 */
public interface BigQueryClient {
  /**
   * {@code jobs.insert}: starts a job and returns it as it is then.
   *
   * @throws BigQueryJobException when BigQuery refuses it: error reason {@code duplicate} when the
   *     job id is taken in the project, or any other error
   */
  BigQueryJob insertJob(
      String projectId, String jobId, String location, Map<String, Object> configuration)
      throws BigQueryJobException;

  /**
   * {@code jobs.get}: the job as it is now.
   *
   * @throws BigQueryJobException error reason {@code notFound} when there is no such job
   */
  BigQueryJob getJob(String projectId, String jobId, String location) throws BigQueryJobException;

  /**
   * {@code jobs.cancel}: asks BigQuery to stop the job (it ends DONE with error reason {@code
   * stopped}); a job already done stays as it is.
   *
   * @throws BigQueryJobException error reason {@code notFound} when there is no such job
   */
  BigQueryJob cancelJob(String projectId, String jobId, String location)
      throws BigQueryJobException;
}
