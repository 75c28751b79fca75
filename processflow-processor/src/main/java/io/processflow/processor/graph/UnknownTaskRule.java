package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Reference;

/** {@code [ProcessFlow/UnknownTask]}: a {@code @DependsOn} or {@code @From} id that no task has. */
public final class UnknownTaskRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    int[] unknown = graph.graph().unknownEnds();
    for (int k = 0; k < unknown.length; k += 2) {
      // Only an edge's upstream end can be unknown: its downstream end is the task's own index.
      Reference reference = graph.reference(unknown[k]);
      String referencing = graph.referencingTask(unknown[k]).id();
      reporter.error(
          reference.location(),
          Message.UNKNOWN_TASK,
          reference.describe() + " of task '" + referencing + "'",
          reference.taskId(),
          graph.graph().hint(reference.taskId(), referencing));
    }
  }
}
