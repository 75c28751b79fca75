package io.processflow.processor.graph;

import io.processflow.api.internal.graph.DependencyGraph;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Reference;
import java.util.StringJoiner;

/**
 * {@code [ProcessFlow/Cycle]}: one report per cycle, with its whole path starting at its
 * first-declared task, on that task's reference that closes the cycle.
 */
public final class CycleRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    int[][] successors = graph.successors();
    if (!DependencyGraph.hasCycle(successors)) {
      return;
    }
    for (int[] cycle : DependencyGraph.findCycles(successors)) {
      StringJoiner path = new StringJoiner(" -> ");
      for (int node : cycle) {
        path.add(graph.task(node).id());
      }
      Reference closing = graph.reference(cycle[cycle.length - 2], cycle[0]);
      reporter.error(closing.location(), Message.CYCLE, path);
    }
  }
}
