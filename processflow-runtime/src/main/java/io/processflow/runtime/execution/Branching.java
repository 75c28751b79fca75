package io.processflow.runtime.execution;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.dsl.TaskKind;
import io.processflow.runtime.internal.dag.DagIndex;
import io.processflow.runtime.internal.template.PyValues;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a branch's or a short circuit's output means: which outputs are valid (checked before the
 * try is recorded a success) and which downstream tasks a valid one skips (see Skips).
 */
final class Branching {
  private Branching() {}

  /** Why {@code output} is no valid decision of {@code task}, or null when it is one. */
  static IllegalArgumentException check(DagDefinition dag, TaskDefinition task, Object output) {
    if (task.kind() == TaskKind.SHORT_CIRCUIT) {
      return null; // any output is a condition, true or false as Python sees it
    }
    Collection<?> ids =
        output == null
            ? List.of()
            : output instanceof String id
                ? List.of(id)
                : output instanceof Collection<?> c ? c : null;
    List<String> downstream = dag.downstreamIds(task.taskId());
    if (ids == null) {
      return new IllegalArgumentException(
          "branch task '"
              + task.taskId()
              + "' must return a task id or a collection of task ids, usually "
              + "among its direct downstream tasks "
              + downstream
              + " (or null to follow none); it "
              + "returned "
              + describe(output));
    }
    // Airflow's SkipMixin.skip_all_except accepts any task of the DAG; the direct downstream tasks
    // that are neither followed nor downstream of a followed one are skipped (Skips#ofBranch).
    Map<String, Integer> valid = DagIndex.of(dag).taskIndex();
    for (Object id : ids) {
      if (!(id instanceof String)) {
        return new IllegalArgumentException(
            "branch task '"
                + task.taskId()
                + "' returned "
                + describe(id)
                + " among its ids; task ids are strings, such as "
                + downstream);
      }
      if (!valid.containsKey(id)) {
        return new IllegalArgumentException(
            "branch task '"
                + task.taskId()
                + "' returned '"
                + id
                + "', which is no task of DAG '"
                + dag.dagId()
                + "'; a branch follows tasks of its DAG, usually among its direct downstream tasks "
                + downstream);
      }
    }
    return null;
  }

  /**
   * The tasks that task {@code i}'s successful {@code output} skips, or null for none: a branch's
   * unfollowed direct downstream tasks, everything downstream of a short circuit whose output is
   * false as Python sees it (Airflow's {@code if condition:}; see PyValues#truth). The output was
   * checked (or recorded, when a run resumes).
   */
  static int[] skipped(DagDefinition dag, int i, TaskDefinition task, Object output) {
    if (task.kind() == TaskKind.BRANCH) {
      return Skips.ofBranch(dag, i, targets(output));
    }
    if (task.kind() == TaskKind.SHORT_CIRCUIT && !PyValues.truth(output)) {
      return Skips.ofShortCircuit(dag, i);
    }
    return null;
  }

  /**
   * The output task {@code i} keeps: its own, except a short circuit's false condition that skips
   * tasks, which keeps none, as in Airflow 3 (the skip ends the task before its return value is
   * pushed as an XCom).
   */
  static Object kept(DagDefinition dag, int i, TaskDefinition task, Object output) {
    return task.kind() == TaskKind.SHORT_CIRCUIT
            && !PyValues.truth(output)
            && DagIndex.of(dag).downstreamCount(i) > 0
        ? null
        : output;
  }

  private static Set<String> targets(Object output) {
    Set<String> follow = new HashSet<>();
    if (output instanceof String id) {
      follow.add(id);
    } else if (output != null) {
      for (Object id : (Collection<?>) output) {
        follow.add(String.valueOf(id));
      }
    }
    return follow;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value + " (" + value.getClass().getName() + ")";
  }
}
