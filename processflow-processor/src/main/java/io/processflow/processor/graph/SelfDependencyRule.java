package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Reference;
import io.processflow.processor.model.TaskModel;

/** {@code [ProcessFlow/SelfDependency]}: a task that names itself in {@code @DependsOn} or {@code @From}. */
public final class SelfDependencyRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    for (TaskModel task : graph.model().tasks()) {
      for (Reference reference : task.upstream()) {
        if (reference.taskId().equals(task.id())) {
          reporter.error(
              reference.location(), Message.SELF_DEPENDENCY, task.id(), reference.describe(), task.id());
        }
      }
    }
  }
}
