package io.processflow.processor.graph;

import io.processflow.api.TriggerRule;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.ParameterKind;
import io.processflow.processor.model.ParameterModel;
import io.processflow.processor.model.Reference;
import io.processflow.processor.model.Setting;
import io.processflow.processor.model.TaskModel;
import io.processflow.processor.model.TypeFacts;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code [ProcessFlow/PrimitiveFrom]}: a primitive {@code @From} parameter of a task that can run
 * while that upstream task has no output (see {@link MissingOutputs}): a primitive cannot hold the
 * {@code null} the task would get, so it could only fail. Reported on the {@code @From} value, with
 * the boxed type to use instead and the trigger rule that would guarantee an output.
 */
public final class PrimitiveFromRule implements GraphRule {
  private final TypeFacts facts;

  public PrimitiveFromRule(TypeFacts facts) {
    this.facts = facts;
  }

  @Override
  public void check(DagGraph graph, Reporter reporter) {
    for (TaskModel task : graph.model().tasks()) {
      int upstreamCount = -1;
      for (ParameterModel parameter : task.parameters()) {
        if (parameter.kind() != ParameterKind.FROM || !parameter.type().getKind().isPrimitive()) {
          continue;
        }
        String upstreamId = parameter.from().taskId();
        Integer node = graph.node(upstreamId);
        if (node == null || upstreamId.equals(task.id())) {
          continue; // UnknownTask or SelfDependency reports it
        }
        if (upstreamCount < 0) {
          upstreamCount = upstreamCount(graph, task);
        }
        TaskModel upstream = graph.task(node);
        Setting<TriggerRule> setting = task.options().triggerRule();
        TriggerRule rule = setting == null ? TriggerRule.ALL_SUCCESS : setting.value();
        String why =
            MissingOutputs.whyMayRunWithout(
                rule, upstreamCount, upstreamId, upstream.allowToFail());
        if (why == null) {
          continue;
        }
        String alternative =
            (rule == TriggerRule.ALL_SUCCESS
                    ? ", or"
                    : ", or use triggerRule = ALL_SUCCESS (the default)")
                + (upstream.allowToFail()
                    ? (rule == TriggerRule.ALL_SUCCESS ? "" : " and")
                        + " remove allowToFail from task '"
                        + upstreamId
                        + "'"
                    : "")
                + " so that '"
                + task.id()
                + "' runs only after '"
                + upstreamId
                + "' succeeded";
        reporter.error(
            parameter.from().location(),
            Message.FROM_PRIMITIVE_MAY_BE_MISSING,
            upstreamId,
            parameter.name(),
            task.methodName(),
            parameter.type(),
            task.id(),
            upstreamId,
            why,
            facts.boxed(parameter.type()),
            alternative);
      }
    }
  }

  /** The task's distinct direct upstream tasks that exist. */
  private static int upstreamCount(DagGraph graph, TaskModel task) {
    Set<String> ids = new HashSet<>();
    for (Reference reference : task.upstream()) {
      if (graph.node(reference.taskId()) != null && !reference.taskId().equals(task.id())) {
        ids.add(reference.taskId());
      }
    }
    return ids.size();
  }
}
