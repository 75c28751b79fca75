package io.processflow.runtime.journal;

import io.processflow.api.DagRunState;
import io.processflow.runtime.schedule.RunType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One recorded run, as {@code list-runs} shows it, read from its journal's {@code
 * dag_run_status_update} lines.
 *
 * @param runId the run
 * @param runType how it came about, as its journal records it (or its id says, in older journals)
 * @param logicalDate its logical date, or {@code null} when the header cannot be read
 * @param start when it first started running, or {@code null}
 * @param end when it last ended, or {@code null} while running (or after a crash)
 * @param state its last recorded state
 * @param resumes how many times it was resumed
 * @param file its journal
 */
public record RunSummary(
    String runId,
    RunType runType,
    Instant logicalDate,
    Instant start,
    Instant end,
    DagRunState state,
    int resumes,
    Path file) {
  /** How long it ran, from its first start to its end; null while it has not ended. */
  public Duration duration() {
    return start == null || end == null ? null : Duration.between(start, end);
  }
}
