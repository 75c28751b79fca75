package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.TypeFacts;
import java.util.List;

/** Every graph rule, in the order they report. */
public final class GraphRules {
  private final List<GraphRule> rules;

  public GraphRules(TypeFacts facts) {
    this.rules =
        List.of(
            new DuplicateIdRule(),
            new UnknownTaskRule(),
            new SelfDependencyRule(),
            new CycleRule(),
            new FromTypeRule(facts),
            new PrimitiveFromRule(facts),
            new FailFastRule());
  }

  public void check(DagModel model, Reporter reporter) {
    DagGraph graph = DagGraph.of(model);
    for (GraphRule rule : rules) {
      rule.check(graph, reporter);
    }
  }
}
