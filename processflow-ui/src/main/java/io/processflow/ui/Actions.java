package io.processflow.ui;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.TaskLauncher;
import io.processflow.runtime.journal.JournalException;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RecordedRun;
import io.processflow.runtime.journal.Resumes;
import io.processflow.runtime.journal.RunStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the UI's buttons do, as the CLI does it: trigger is {@code run DAG_ID --param ...} (the same
 * param parsing and validation, before any task runs), clear is {@code run DAG_ID --resume RUN_ID
 * --clear TASK_ID} (under the run's lock, so a run that another process is writing cannot be
 * cleared). Runs are started in this process and recorded in the UI's store, and followed by the
 * pages like any other.
 *
 * <p>Against a database this process decides the runs it starts, as {@code run --db} would, and
 * their task bodies run on the database's workers ({@code worker --db}): a triggered run is decided
 * at once, whether or not a scheduler runs, and a stopped UI leaves it for {@code run --resume}.
 */
final class Actions implements AutoCloseable {
  private final UiRuns runs;
  private DagRunner runner;
  private final List<RunHandle> started = new ArrayList<>();

  Actions(UiRuns runs) {
    this.runs = runs;
  }

  /** The runner, its task bodies where the store runs them; made at the first action. */
  private synchronized DagRunner runner() {
    if (runner == null) {
      TaskLauncher launcher =
          runs.store()
              .launcher(
                  dagId -> {
                    DagProvider provider = runs.provider(dagId);
                    return provider == null ? null : provider.definition();
                  });
      runner =
          launcher == null ? DagRunner.create() : DagRunner.builder().launcher(launcher).build();
    }
    return runner;
  }

  /** A request the CLI would reject with status 2: its message says why. */
  static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }

  /**
   * Triggers a run of {@code provider}'s DAG with {@code form}'s {@code param.NAME} fields (those
   * that differ from the default's text) and {@code run_id}; returns the run id.
   *
   * @throws Rejected for params or a run id the CLI would reject, before any task runs
   */
  String trigger(DagProvider provider, Map<String, String> form) {
    DagDefinition dag = provider.definition();
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : form.entrySet()) {
      if (field.getKey().startsWith("param.")) {
        String name = field.getKey().substring("param.".length());
        Object declared = dag.params().get(name);
        if (!dag.params().containsKey(name) || !field.getValue().equals(Values.text(declared))) {
          params.put(name, field.getValue());
        }
      }
    }
    RunConfig.Builder config =
        RunConfig.builder().recorder(runs.store().recorder(true)).params(params);
    String runId = form.getOrDefault("run_id", "").strip();
    try {
      dag.resolveParams(params);
      if (!runId.isEmpty()) {
        Journals.checkRunId(dag.dagId(), runId);
        config.runId(runId);
      }
      return track(runner().start(dag, config.build()));
    } catch (IllegalArgumentException | JournalException e) {
      throw new Rejected(e.getMessage());
    }
  }

  /**
   * Clears {@code taskId} and its downstream tasks in run {@code runId} and resumes the run.
   *
   * @throws Rejected when the run is being written by a process, or the task is not in the DAG
   */
  void clear(DagProvider provider, String runId, String taskId) {
    DagDefinition dag = provider.definition();
    RunStore store = runs.store();
    RunStore.Lock lock;
    try {
      lock = store.lock(dag.dagId(), runId);
    } catch (RuntimeException e) {
      throw new Rejected(e.getMessage());
    }
    try {
      RecordedRun recorded = store.read(dag, runId);
      RunConfig config =
          RunConfig.builder()
              .recorder(store.recorder(true))
              .resume(Resumes.plan(dag, recorded, List.of(taskId)))
              .runId(runId)
              .logicalDate(recorded.first().logicalDate())
              .params(recorded.first().params())
              .build();
      RunHandle handle = runner().start(dag, config);
      handle.terminated().whenComplete((ignored, error) -> lock.close());
      track(handle);
    } catch (RuntimeException e) {
      lock.close();
      throw new Rejected(e.getMessage());
    }
  }

  private synchronized String track(RunHandle handle) {
    started.removeIf(h -> h.result().isDone());
    started.add(handle);
    return handle.runId();
  }

  /** Cancels the runs still running (a resume finishes them) and stops the runner. */
  @Override
  public void close() {
    List<RunHandle> running;
    synchronized (this) {
      running = new ArrayList<>(started);
    }
    for (RunHandle handle : running) {
      handle.cancel();
      handle.terminated().join();
    }
    synchronized (this) {
      if (runner != null) {
        runner.close();
      }
    }
  }
}
