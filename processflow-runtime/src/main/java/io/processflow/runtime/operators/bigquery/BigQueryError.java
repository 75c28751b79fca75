package io.processflow.runtime.operators.bigquery;

import java.util.Objects;

/**
 * A job's {@code status.errorResult}, as the GCP job API reports it.
 *
 * @param reason BigQuery's short code, such as {@code invalidQuery}, {@code notFound} or {@code
 *     stopped} (cancelled)
 * @param message the human-readable message
 */
public record BigQueryError(String reason, String message) {
  public BigQueryError {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
