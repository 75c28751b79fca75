package io.processflow.runtime.scheduler;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunLock;
import io.processflow.runtime.journal.RunSummary;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Starts runs through the public runner, journaled in one runs directory: new runs, and recorded
 * runs resumed (a crashed run) or cleared and run again (a backfill's reprocessing), each under its
 * run lock. What the scheduler and {@code backfill} share.
 */
public final class JournaledRuns implements RunStarter {
  private final DagRunner runner;
  private final Journals journals;
  private final boolean sync;

  /**
   * @param sync whether journals are forced to disk (see {@link Journals#recorder})
   */
  public JournaledRuns(DagRunner runner, Journals journals, boolean sync) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.journals = Objects.requireNonNull(journals, "journals");
    this.sync = sync;
  }

  public Journals journals() {
    return journals;
  }

  /**
   * Starts a new run {@code runId} of {@code dag} with its default params.
   *
   * @throws JournalException when the run already has a journal, or its lock is held
   */
  public RunHandle startNew(DagDefinition dag, String runId, Instant logicalDate) {
    return runner.start(
        dag,
        RunConfig.builder()
            .runId(runId)
            .logicalDate(logicalDate)
            .recorder(journals.recorder(sync))
            .build());
  }

  /**
   * Resumes recorded run {@code runId} of {@code dag}: the tasks that succeeded are kept, except
   * {@code clear} and their downstream tasks, which run again (all of them: the run is cleared).
   *
   * @throws JournalException when another process holds the run's lock, or its journal cannot be
   *     read
   */
  public RunHandle resume(DagDefinition dag, String runId, Collection<String> clear) {
    RunLock lock = journals.lock(dag.dagId(), runId);
    try {
      RecordedRun recorded = journals.read(dag, runId);
      RunHandle handle =
          runner.start(
              dag,
              RunConfig.builder()
                  .runId(runId)
                  .logicalDate(recorded.first().logicalDate())
                  .params(recorded.first().params())
                  .resume(Resumes.plan(dag, recorded, clear))
                  .recorder(journals.recorder(sync))
                  .build());
      handle.result().whenComplete((result, error) -> lock.close());
      return handle;
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  @Override
  public List<RunSummary> recorded(String dagId) {
    return journals.runs(dagId);
  }

  @Override
  public boolean exists(String dagId, String runId) {
    return Files.exists(journals.file(dagId, runId));
  }

  @Override
  public CompletableFuture<RunResult> start(DagDefinition dag, String runId, Instant logicalDate) {
    return startNew(dag, runId, logicalDate).result();
  }

  @Override
  public CompletableFuture<RunResult> resume(DagDefinition dag, String runId) {
    return resume(dag, runId, List.of()).result();
  }

  /** Whether another process holds the lock of run {@code runId}: it is running or resuming it. */
  @Override
  public boolean inFlight(String dagId, String runId) {
    try {
      journals.lock(dagId, runId).close();
      return false;
    } catch (JournalException held) {
      return true;
    }
  }
}
