package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.TaskModel;

/** {@code [ProcessFlow/DuplicateId]}: two tasks of one DAG with the same id. */
public final class DuplicateIdRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    for (int i = 0; i < graph.model().tasks().size(); i++) {
      TaskModel task = graph.task(i);
      int first = graph.node(task.id());
      if (first != i && !task.id().isBlank()) {
        reporter.error(
            task.idLocation(),
            Message.DUPLICATE_TASK_ID,
            task.id(),
            graph.task(first).methodName(),
            task.methodName());
      }
    }
  }
}
