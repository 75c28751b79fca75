package io.processflow.test;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskState;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a whole run; a failure shows the run's summary table. */
public final class DagRunAssert extends AbstractAssert<DagRunAssert, DagRun> {
  DagRunAssert(DagRun actual) {
    super(actual, DagRunAssert.class);
  }

  /** The run ended {@code success}. */
  public DagRunAssert succeeded() {
    return hasState(DagRunState.SUCCESS);
  }

  /** The run ended {@code failed}. */
  public DagRunAssert failed() {
    return hasState(DagRunState.FAILED);
  }

  public DagRunAssert hasState(DagRunState expected) {
    isNotNull();
    if (actual.state() != expected) {
      failWithMessage(
          "Expected run %s of DAG '%s' to end %s, but it ended %s:%n%s",
          actual.runId(), actual.dagId(), expected, actual.state(), actual.summary());
    }
    return this;
  }

  /** Exactly {@code taskIds} ended in {@code state} (in any order). */
  public DagRunAssert hasTasksIn(TaskState state, String... taskIds) {
    isNotNull();
    List<String> actualIds = actual.tasksIn(state);
    List<String> expected = Arrays.asList(taskIds);
    if (!(actualIds.containsAll(expected) && expected.containsAll(actualIds))) {
      failWithMessage(
          "Expected the tasks in state %s to be %s, but they were %s:%n%s",
          state, expected, actualIds, actual.summary());
    }
    return this;
  }

  /** Assertions on task {@code taskId}; {@link TaskAssert#and()} comes back here. */
  public TaskAssert task(String taskId) {
    isNotNull();
    return new TaskAssert(actual.task(taskId), this);
  }
}
