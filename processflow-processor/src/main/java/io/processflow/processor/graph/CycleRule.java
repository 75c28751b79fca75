package io.processflow.processor.graph;

import io.processflow.api.internal.graph.TaskGraph;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Reference;

/**
 * {@code [ProcessFlow/Cycle]}: one report per cycle, with its whole path starting at its
 * first-declared task, on that task's reference that closes the cycle.
 */
public final class CycleRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    for (TaskGraph.Cycle cycle : graph.graph().cycles()) {
      Reference closing = graph.reference(cycle.closingEdge());
      reporter.error(
          closing.location(),
          Message.CYCLE,
          graph.graph().path(cycle),
          "@DependsOn/@From dependencies");
    }
  }
}
