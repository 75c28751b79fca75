package io.processflow.processor.graph;

import io.processflow.api.internal.graph.Suggestions;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Reference;
import io.processflow.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code [ProcessFlow/UnknownTask]}: a {@code @DependsOn} or {@code @From} id that no task has. */
public final class UnknownTaskRule implements GraphRule {
  /** How many ids a message lists when it has no single suggestion. */
  private static final int LISTED_IDS = 10;

  @Override
  public void check(DagGraph graph, Reporter reporter) {
    for (TaskModel task : graph.model().tasks()) {
      for (Reference reference : task.upstream()) {
        if (graph.node(reference.taskId()) == null) {
          reporter.error(
              reference.location(),
              Message.UNKNOWN_TASK,
              reference.describe(),
              task.id(),
              reference.taskId(),
              hint(graph, reference.taskId()));
        }
      }
    }
  }

  private static String hint(DagGraph graph, String unknown) {
    Optional<String> closest = Suggestions.closest(unknown, graph.taskIds());
    if (closest.isPresent()) {
      return "did you mean '" + closest.get() + "'?";
    }
    List<String> ids = new ArrayList<>(LISTED_IDS);
    for (TaskModel task : graph.model().tasks()) {
      if (ids.size() == LISTED_IDS) {
        break;
      }
      ids.add(task.id());
    }
    String more = graph.model().tasks().size() > LISTED_IDS ? ", ..." : "";
    return "the DAG's task ids are " + String.join(", ", ids) + more;
  }
}
