package io.processflow.runtime.execution;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.internal.dag.DagIndex;
import java.util.Arrays;
import java.util.Set;

/**
 * Which tasks a branch's or a short circuit's decision skips, and which states such a skip
 * overwrites: Airflow 3's {@code SkipMixin} (providers/standard {@code utils/skipmixin.py}), its
 * {@code ShortCircuitOperator}, and the API server's {@code ti_skip_downstream}. Pure functions of
 * the DAG; the run applies them.
 */
final class Skips {
  private Skips() {}

  /**
   * A branch that follows {@code followed} (any tasks of the DAG, as Airflow's {@code
   * skip_all_except} allows): its direct downstream tasks that are neither followed nor downstream
   * of a followed task. Airflow's "empty branch" rule: with {@code branch >> join} and {@code
   * branch >> task1 >> join}, following {@code task1} keeps {@code join}.
   */
  static int[] ofBranch(DagDefinition dag, int branch, Set<String> followed) {
    DagIndex byIndex = DagIndex.of(dag);
    boolean[] kept = new boolean[dag.taskCount()];
    for (String id : followed) {
      Integer f = byIndex.taskIndex().get(id);
      if (f == null) {
        continue; // a task that a resumed run's newer DAG no longer has
      }
      kept[f] = true;
      markDownstream(dag, f, kept);
    }
    int[] skipped = new int[byIndex.downstreamCount(branch)];
    int count = 0;
    for (int k = 0; k < skipped.length; k++) {
      int d = byIndex.downstream(branch, k);
      if (!kept[d]) {
        skipped[count++] = d;
      }
    }
    return Arrays.copyOf(skipped, count);
  }

  /**
   * A short circuit whose condition is false: every task downstream of it, whatever its trigger
   * rule (Airflow's default, {@code ignore_downstream_trigger_rules=True}).
   */
  static int[] ofShortCircuit(DagDefinition dag, int root) {
    boolean[] downstream = new boolean[dag.taskCount()];
    markDownstream(dag, root, downstream);
    int[] skipped = new int[dag.taskCount()];
    int count = 0;
    for (int i = 0; i < downstream.length; i++) {
      if (downstream[i]) {
        skipped[count++] = i;
      }
    }
    return Arrays.copyOf(skipped, count);
  }

  /** Marks every task downstream of {@code root}, stopping at tasks already marked. */
  private static void markDownstream(DagDefinition dag, int root, boolean[] marked) {
    DagIndex byIndex = DagIndex.of(dag);
    int[] stack = new int[dag.taskCount()];
    int size = 0;
    stack[size++] = root;
    while (size > 0) {
      int u = stack[--size];
      for (int k = 0, m = byIndex.downstreamCount(u); k < m; k++) {
        int d = byIndex.downstream(u, k);
        if (!marked[d]) {
          marked[d] = true;
          stack[size++] = d;
        }
      }
    }
  }

  /** Whether task {@code parent} is directly upstream of task {@code child}. */
  static boolean isParent(DagIndex byIndex, int parent, int child) {
    for (int k = 0, m = byIndex.upstreamCount(child); k < m; k++) {
      if (byIndex.upstream(child, k) == parent) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a skip ends a task in {@code state}. Airflow's API server leaves a task that is running
   * or ended {@code success} or {@code failed} alone (apache/airflow#59378; Airflow 3.0 and 3.1
   * overwrote those too) and sets every other state to skipped: a task waiting to start or to
   * retry, and one already {@code upstream_failed}.
   */
  static boolean overwrites(TaskState state) {
    return switch (state) {
      case RUNNING, SUCCESS, FAILED, SKIPPED -> false;
      default -> true;
    };
  }
}
