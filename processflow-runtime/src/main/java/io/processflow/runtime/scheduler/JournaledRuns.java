package io.processflow.runtime.scheduler;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.DagTurns;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunStore;
import io.processflow.runtime.journal.RunSummary;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Starts runs through the public runner, recorded in one {@link RunStore} (a runs directory's
 * journals, or a database): new runs, and recorded runs resumed (a crashed run) or cleared and run
 * again (a backfill's reprocessing), each under its run lock. What the scheduler and {@code
 * backfill} share.
 */
public final class JournaledRuns implements RunStarter {
  private final DagRunner runner;
  private final RunStore store;
  private final boolean sync;
  private final RunStore.TaskLogs taskLogs;

  /**
   * @param sync whether runs are forced to disk (see {@link Journals#recorder})
   */
  public JournaledRuns(DagRunner runner, RunStore store, boolean sync) {
    this(runner, store, sync, RunStore.TaskLogs.KEEP);
  }

  /**
   * @param sync whether runs are forced to disk (see {@link Journals#recorder})
   * @param taskLogs whether the runs keep their tries' logs (see {@link RunStore#recorder(boolean,
   *     RunStore.TaskLogs)})
   */
  public JournaledRuns(DagRunner runner, RunStore store, boolean sync, RunStore.TaskLogs taskLogs) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.store = Objects.requireNonNull(store, "store");
    this.sync = sync;
    this.taskLogs = Objects.requireNonNull(taskLogs, "taskLogs");
  }

  @Override
  public List<RunSummary> newRuns(String dagId) {
    return store.newRuns(dagId);
  }

  /** Where the runs are recorded. */
  public RunStore store() {
    return store;
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
            .recorder(store.recorder(sync, taskLogs))
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
    RunStore.Lock lock = store.lock(dag.dagId(), runId);
    try {
      return resume(lock, dag, store.read(dag, runId), clear);
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** Resumes {@code recorded} under {@code lock}, which is released once the run has ended. */
  private RunHandle resume(
      RunStore.Lock lock, DagDefinition dag, RecordedRun recorded, Collection<String> clear) {
    RunHandle handle =
        runner.start(
            dag,
            RunConfig.builder()
                .runId(recorded.first().runId())
                .logicalDate(recorded.first().logicalDate())
                .params(recorded.first().params())
                .resume(Resumes.plan(dag, recorded, clear))
                .recorder(store.recorder(sync, taskLogs))
                .build());
    handle.result().whenComplete((result, error) -> lock.close());
    return handle;
  }

  @Override
  public List<RunSummary> recorded(String dagId) {
    List<RunSummary> runs = store.runs(dagId);
    store.seen(dagId, runs); // what newRuns need not report again (the scheduler read them)
    return runs;
  }

  @Override
  public boolean exists(String dagId, String runId) {
    if (store instanceof Journals journals) {
      return Files.exists(journals.file(dagId, runId));
    }
    for (RunSummary run : store.runs(dagId)) {
      if (run.runId().equals(runId)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public DagTurns turns() {
    return store.dagTurns();
  }

  @Override
  public CompletableFuture<RunResult> start(DagDefinition dag, String runId, Instant logicalDate) {
    return startNew(dag, runId, logicalDate).result();
  }

  /**
   * Resumes run {@code runId} unless another process took it, or it ended, since it was listed:
   * with several schedulers on one store, another may resume it first, or its decider may just have
   * finished it.
   */
  @Override
  public CompletableFuture<RunResult> resume(DagDefinition dag, String runId) {
    RunStore.Lock lock;
    try {
      lock = store.lock(dag.dagId(), runId);
    } catch (JournalException e) {
      if (inFlight(dag.dagId(), runId)) {
        return null;
      }
      throw e;
    }
    try {
      RecordedRun recorded = store.read(dag, runId);
      if (ended(recorded)) {
        lock.close();
        return null;
      }
      return resume(lock, dag, recorded, List.of()).result();
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** Whether the recorded run's last status is an end. */
  private static boolean ended(RecordedRun run) {
    DagRunState state = null;
    for (Action action : run.actions()) {
      if (action instanceof DagRunStatusUpdate status) {
        state = status.state();
      }
    }
    return state != null && state.isTerminal();
  }

  /** Whether another process holds the lock of run {@code runId}: it is running or resuming it. */
  @Override
  public boolean inFlight(String dagId, String runId) {
    try {
      store.lock(dagId, runId).close();
      return false;
    } catch (JournalException held) {
      return true;
    }
  }
}
