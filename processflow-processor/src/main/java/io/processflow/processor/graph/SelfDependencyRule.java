package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Reference;

/**
 * {@code [ProcessFlow/SelfDependency]}: a task that names itself in {@code @DependsOn} or
 * {@code @From}.
 */
public final class SelfDependencyRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    for (int edge : graph.graph().selfEdges()) {
      Reference reference = graph.reference(edge);
      String id = reference.taskId();
      reporter.error(
          reference.location(),
          Message.SELF_DEPENDENCY,
          id,
          "its " + reference.describe(),
          "remove '" + id + "' from it");
    }
  }
}
