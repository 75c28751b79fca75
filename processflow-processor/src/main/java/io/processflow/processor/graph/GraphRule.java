package io.processflow.processor.graph;

import io.processflow.processor.diagnostics.Reporter;

/**
 * One check of a whole DAG. Each rule reports with its own stable id (see {@link
 * io.processflow.processor.diagnostics.Message#ruleId()}) and runs in time linear in tasks +
 * dependencies, apart from the work of describing an error it found.
 */
public interface GraphRule {
  void check(DagGraph graph, Reporter reporter);
}
