package io.processflow.runtime.operators.bigquery;

/**
 * A BigQuery job's {@code status.state}. A job that failed or was cancelled is DONE with an error.
 */
public enum JobState {
  PENDING,
  RUNNING,
  DONE
}
