package io.processflow.processor.graph;

import io.processflow.api.TriggerRule;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Setting;
import io.processflow.processor.model.TaskModel;

/**
 * {@code [ProcessFlow/FailFast]}: a {@code failFast} DAG (Airflow 3's {@code fail_fast}) allows
 * only the {@code all_success} trigger rule; each other rule is reported on its {@code triggerRule}
 * value.
 */
public final class FailFastRule implements GraphRule {
  @Override
  public void check(DagGraph graph, Reporter reporter) {
    if (!graph.model().failFast()) {
      return;
    }
    for (TaskModel task : graph.model().tasks()) {
      Setting<TriggerRule> rule = task.options().triggerRule();
      if (rule != null && rule.value() != TriggerRule.ALL_SUCCESS) {
        reporter.error(
            rule.location(),
            Message.FAIL_FAST_TRIGGER_RULE,
            task.id(),
            rule.value().name(),
            graph.model().dagId());
      }
    }
  }
}
