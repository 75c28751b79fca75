package io.processflow.runtime.journal;

import io.processflow.api.DagRunState;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One recorded run, as {@code list-runs} shows it, read from its journal's
 * {@code dag_run_status_update} lines.
 *
 * @param runId the run
 * @param start when it first started running, or {@code null}
 * @param end when it last ended, or {@code null} while running (or after a crash)
 * @param state its last recorded state
 * @param resumes how many times it was resumed
 * @param file its journal
 */
public record RunSummary(String runId, Instant start, Instant end, DagRunState state, int resumes, Path file) {}
