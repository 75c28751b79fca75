package io.processflow.runtime.operators.bigquery;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link FakeBigQueryService} does with a job: run for a while, then succeed or fail; or
 * refuse it at insertion (a bad request).
 *
 * @param runFor how long the job stays PENDING/RUNNING before it is DONE
 * @param error the job's {@code errorResult} once done, or {@code null} for success
 * @param rejectOnInsert when true, {@code insertJob} throws {@code error} instead
 */
public record JobScript(Duration runFor, BigQueryError error, boolean rejectOnInsert) {
  public JobScript {
    Objects.requireNonNull(runFor, "runFor");
    if (runFor.isNegative()) {
      throw new IllegalArgumentException("runFor must not be negative; was " + runFor);
    }
    if (rejectOnInsert && error == null) {
      throw new IllegalArgumentException("a rejected insert needs an error");
    }
  }

  /** Done, without error, {@code runFor} after insertion. */
  public static JobScript succeedAfter(Duration runFor) {
    return new JobScript(runFor, null, false);
  }

  /** Done, with {@code errorResult} {@code reason: message}, {@code runFor} after insertion. */
  public static JobScript failAfter(Duration runFor, String reason, String message) {
    return new JobScript(runFor, new BigQueryError(reason, message), false);
  }

  /** {@code insertJob} fails at once, as the API does for an invalid request. */
  public static JobScript rejectInsert(String reason, String message) {
    return new JobScript(Duration.ZERO, new BigQueryError(reason, message), true);
  }
}
