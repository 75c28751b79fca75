package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.TaskModel;

/** {@code [ProcessFlow/DuplicateId]}: two tasks of one DAG with the same id. */
public final class DuplicateIdRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    int[] duplicates = graph.graph().duplicateIds();
    for (int k = 0; k < duplicates.length; k += 2) {
      TaskModel first = graph.task(duplicates[k]);
      TaskModel again = graph.task(duplicates[k + 1]);
      reporter.error(
          again.idLocation(),
          Message.DUPLICATE_TASK_ID,
          again.id(),
          first.methodName() + "()",
          again.methodName() + "()",
          "set @Task(id = ...) on one of them");
    }
  }
}
