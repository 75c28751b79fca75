package io.processflow.runtime.execution;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resumed run keeps of its record ({@link ResumePlan}): every resumable task that succeeded
 * and was not cleared stays, with its recorded output and try number; every other task is reset to
 * {@code none} so that it runs, and the recorded tasks the DAG no longer has are marked {@code
 * removed}. The state machine then ends the kept tasks and applies their branches' decisions again.
 */
final class RunRestore {
  private final WorkList kept = new WorkList();
  private final List<Object> outputs = new ArrayList<>();

  private RunRestore() {}

  /**
   * Reads run {@code run}'s recorded columns, sets each task's {@code tries} (and {@code
   * triesBefore}, from which its retries count) and records the resets and removals.
   */
  static RunRestore of(
      RunExecution run, ResumePlan resume, Transitions record, int[] tries, int[] triesBefore) {
    // Column by column, not as TaskInstances of an older version (which would walk every reset
    // since): a worker restores every other task of the DAG for each try (SingleTaskRun#startTry).
    TaskColumns recorded = run.columns(); // read without sharing the state (see RunStateImpl)
    DagDefinition dag = run.dag();
    RunRestore restore = new RunRestore();
    for (int i = 0; i < tries.length; i++) {
      int tryNumber = recorded.tries[i];
      TaskState state = TaskColumns.state(recorded.states[i]);
      tries[i] = tryNumber;
      triesBefore[i] = tryNumber;
      if (state == TaskState.SUCCESS
          && dag.tasks().get(i).resumable()
          && !resume.rerun().contains(dag.taskIds().get(i))) {
        restore.kept.add(i);
        restore.outputs.add(recorded.outputs[i]);
      } else if (state != TaskState.NONE) {
        record.task(i, TaskState.NONE, tryNumber, null, null);
      }
    }
    for (String removed : resume.removedTaskIds()) {
      int r = recorded.info.index().get(removed);
      if (TaskColumns.state(recorded.states[r]) != TaskState.REMOVED) {
        RunLog.removed(removed, run.runId(), dag.dagId());
        record.removed(removed, recorded.tries[r]);
      }
    }
    return restore;
  }

  /** How many tasks stay. */
  int size() {
    return kept.size();
  }

  /** The {@code k}th task that stays, in task order. */
  int task(int k) {
    return kept.get(k);
  }

  /** Its recorded output. */
  Object output(int k) {
    return outputs.get(k);
  }
}
