package io.processflow.runtime.scheduler;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.DagTurns;
import io.processflow.runtime.journal.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the {@link Scheduler}'s decisions go: what runs exist, and starting them. {@link
 * JournaledRuns} is the real one (runs recorded in a runs directory or a database, run on a {@code
 * DagRunner}); a benchmark measures the decisions alone with one that runs nothing.
 */
public interface RunStarter {
  /** The recorded runs of {@code dagId}. */
  List<RunSummary> recorded(String dagId);

  /**
   * The runs of {@code dagId} recorded since the last call (all of them at the first), with their
   * id, type and logical date: how a scheduler learns of runs other commands made while it runs.
   * None by default.
   */
  default List<RunSummary> newRuns(String dagId) {
    return List.of();
  }

  /** Whether run {@code runId} of {@code dagId} exists. */
  boolean exists(String dagId, String runId);

  /** Whether another process (or run) holds run {@code runId} of {@code dagId}: it is in flight. */
  boolean inFlight(String dagId, String runId);

  /** Starts a new run; the future completes with its result once it has ended. */
  CompletableFuture<RunResult> start(DagDefinition dag, String runId, Instant logicalDate);

  /**
   * Resumes a recorded run from its journal; the future completes once it has ended. Null when
   * another process took the run, or it ended, since it was listed: nothing to resume.
   */
  CompletableFuture<RunResult> resume(DagDefinition dag, String runId);

  /**
   * How the schedulers sharing these runs take turns at a DAG, or null when this scheduler is the
   * only one (see {@link io.processflow.runtime.journal.RunStore#dagTurns}).
   */
  default DagTurns turns() {
    return null;
  }
}
