package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Reference;

/** {@code [ProcessFlow/UnknownTask]}: a {@code @DependsOn} or {@code @From} id that no task has. */
public final class UnknownTaskRule implements GraphRule {
  @Override
  public String id() {
    return Message.UNKNOWN_TASK.ruleId();
  }

  @Override
  public void check(DagGraph graph, Reporter reporter) {
    int[] unknown = graph.graph().unknownEnds();
    for (int k = 0; k < unknown.length; k += 2) {
      if (unknown[k + 1] != 0) {
        continue; // the task's own id is blank: TaskMethodValidator reports it
      }
      Reference reference = graph.reference(unknown[k]);
      reporter.error(
          reference.location(),
          Message.UNKNOWN_TASK,
          reference.describe() + " of task '" + graph.referencingTask(unknown[k]).id() + "'",
          reference.taskId(),
          graph.graph().hint(reference.taskId()));
    }
  }
}
