package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.store.Action;
import io.processflow.api.store.Reducer;
import io.processflow.runtime.dsl.DagDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to resume a run: the actions it recorded, replayed through the run's reducer into a fresh
 * store, and what to run again. The resumed run keeps every task that had succeeded (its state,
 * output and try number) unless it is not resumable or listed in {@link #rerun()}; every other task
 * of the DAG is reset to {@code none} and runs, and every recorded task that the DAG no longer has
 * is marked {@code removed}. Build one with {@code io.processflow.runtime.journal.Resumes}.
 *
 * @param actions the recorded actions, in order
 * @param removedTaskIds tasks in the record that the DAG no longer has, in order of first
 *     appearance
 * @param rerun tasks to run again even if they succeeded (cleared tasks and their downstream)
 */
public record ResumePlan(List<Action> actions, List<String> removedTaskIds, Set<String> rerun) {
  public ResumePlan {
    actions = List.copyOf(actions);
    removedTaskIds = List.copyOf(removedTaskIds);
    rerun = Set.copyOf(rerun);
  }

  /**
   * The state the recorded actions lead to, replayed through {@code dag}'s run reducer into a fresh
   * store of run {@code runId}: the recorded run's last state (its kept and removed tasks
   * included).
   */
  public RunState replay(DagDefinition dag, String runId) {
    // Changed in place while only this method has it, then given out as it is.
    RunStateImpl initial = RunStateImpl.initial(dag, runId, removedTaskIds).held();
    RunState state = replay(new RunReducer(dag.appReducer()), initial);
    ((RunStateImpl) state).shared();
    return state;
  }

  RunState replay(Reducer<RunState> reducer, RunState initial) {
    RunState state = initial;
    for (Action action : actions) {
      state = Objects.requireNonNull(reducer.reduce(state, action), "state");
    }
    return state;
  }
}
