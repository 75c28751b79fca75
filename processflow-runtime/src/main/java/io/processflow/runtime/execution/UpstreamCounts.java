package io.processflow.runtime.execution;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.TriggerRules.Decision;
import io.processflow.runtime.internal.dag.DagIndex;

/**
 * Readiness by counters: for each task, how many of its direct upstream tasks ended, and how. A
 * task that ends adds itself to its downstream tasks' counts, and their trigger rules decide from
 * the counts alone, so a run costs O(tasks + edges) with no scans.
 *
 * <p>Only the success counts exist from the start: a run where everything succeeds never needs the
 * others, and each is n ints (RuntimeBench, bytes per task).
 */
final class UpstreamCounts {
  private final DagIndex dag;
  private final int[] succeeded;
  private int[] failed;
  private int[] skipped;
  private int[] upstreamFailed;

  UpstreamCounts(DagDefinition dag) {
    this.dag = DagIndex.of(dag);
    this.succeeded = new int[dag.taskCount()];
  }

  /**
   * Task {@code u} ended in {@code phase} (one of TaskPhase's ENDED_): its downstream tasks count
   * it.
   */
  void countEnd(int u, byte phase) {
    int[] counts = counts(phase);
    for (int k = 0, m = dag.downstreamCount(u); k < m; k++) {
      counts[dag.downstream(u, k)]++;
    }
  }

  /** Takes back what {@link #countEnd} counted for {@code u} ended upstream_failed. */
  void uncountUpstreamFailed(int u) {
    for (int k = 0, m = dag.downstreamCount(u); k < m; k++) {
      upstreamFailed[dag.downstream(u, k)]--;
    }
  }

  /** Task {@code i}'s trigger rule, applied to its counts. */
  Decision decide(int i) {
    return TriggerRules.decide(
        dag.triggerRule(i),
        dag.upstreamCount(i),
        succeeded[i],
        failed == null ? 0 : failed[i],
        upstreamFailed == null ? 0 : upstreamFailed[i],
        skipped == null ? 0 : skipped[i]);
  }

  private int[] counts(byte phase) {
    return switch (phase) {
      case TaskPhase.ENDED_OK -> succeeded;
      case TaskPhase.ENDED_SKIPPED ->
          skipped == null ? skipped = new int[succeeded.length] : skipped;
      case TaskPhase.ENDED_UPSTREAM_FAILED ->
          upstreamFailed == null ? upstreamFailed = new int[succeeded.length] : upstreamFailed;
      default -> failed == null ? failed = new int[succeeded.length] : failed;
    };
  }
}
