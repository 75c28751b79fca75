package io.processflow.runtime.operators.bigquery;

/** A BigQuery job could not be inserted, failed, was cancelled or timed out. */
public final class BigQueryJobException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String jobId;
  private final transient BigQueryError error;

  public BigQueryJobException(String jobId, BigQueryError error, String message) {
    super(message);
    this.jobId = jobId;
    this.error = error;
  }

  public String jobId() {
    return jobId;
  }

  /** BigQuery's error, or {@code null} (a timeout). */
  public BigQueryError error() {
    return error;
  }
}
