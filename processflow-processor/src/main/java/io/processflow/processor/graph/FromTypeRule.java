package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.ParameterKind;
import io.processflow.processor.model.ParameterModel;
import io.processflow.processor.model.TaskModel;
import io.processflow.processor.model.TypeFacts;

/**
 * {@code [ProcessFlow/FromType]}: a {@code @From} parameter whose upstream task has no output, or
 * an output ({@code T} of a {@code CompletionStage<T>}) not assignable to the parameter's type.
 */
public final class FromTypeRule implements GraphRule {
  private final TypeFacts facts;

  public FromTypeRule(TypeFacts facts) {
    this.facts = facts;
  }

  @Override
  public void check(DagGraph graph, Reporter reporter) {
    for (TaskModel task : graph.model().tasks()) {
      for (ParameterModel parameter : task.parameters()) {
        if (parameter.kind() != ParameterKind.FROM) {
          continue;
        }
        String upstreamId = parameter.from().taskId();
        Integer node = graph.node(upstreamId);
        if (node == null || upstreamId.equals(task.id())) {
          continue;
        }
        TaskModel upstream = graph.task(node);
        if (upstream.output() == null) {
          reporter.error(
              parameter.from().location(),
              Message.FROM_NO_OUTPUT,
              upstreamId,
              parameter.name(),
              task.methodName(),
              upstreamId,
              "returns " + upstream.method().getReturnType(),
              upstreamId);
        } else if (!facts.isAssignable(upstream.output(), parameter.type())) {
          reporter.error(
              parameter.from().location(),
              Message.FROM_TYPE_MISMATCH,
              upstreamId,
              parameter.name(),
              task.methodName(),
              upstreamId,
              upstream.output(),
              parameter.type(),
              upstream.output());
        }
      }
    }
  }
}
