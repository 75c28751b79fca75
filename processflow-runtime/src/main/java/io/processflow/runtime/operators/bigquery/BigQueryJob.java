package io.processflow.runtime.operators.bigquery;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one job (the GCP API's {@code Job} resource, reduced to what the operator needs).
 *
 * @param projectId the project the job runs in
 * @param jobId the job's id, unique within the project
 * @param location the job's location, such as {@code US}
 * @param configuration the job's configuration, as submitted
 * @param state its state when this snapshot was taken
 * @param errorResult why it failed, or {@code null}
 * @param creationTime when it was inserted
 */
public record BigQueryJob(
    String projectId,
    String jobId,
    String location,
    Map<String, Object> configuration,
    JobState state,
    BigQueryError errorResult,
    Instant creationTime) {
  public BigQueryJob {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(state, "state");
  }

  public boolean isDone() {
    return state == JobState.DONE;
  }

  /** True when the job is done without error. */
  public boolean succeeded() {
    return state == JobState.DONE && errorResult == null;
  }
}
