package io.processflow.processor.graph;

import io.processflow.api.internal.graph.EdgeList;
import io.processflow.api.internal.graph.TaskGraph;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.Reference;
import io.processflow.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A DAG model as the runtime's DSL sees a DAG: its tasks as nodes {@code 0..n-1} (declaration
 * order) and each {@code @DependsOn}/{@code @From} reference as an edge upstream -> the task,
 * resolved by the same {@link TaskGraph} that validates a {@code DagBuilder}, so both find the same
 * problems. This class adds what only the processor has: where each edge is written.
 */
public final class DagGraph {
  private final DagModel model;
  private final TaskGraph graph;
  private final List<Reference> references;
  private final List<Integer> referencingTasks;

  private DagGraph(
      DagModel model, TaskGraph graph, List<Reference> references, List<Integer> referencingTasks) {
    this.model = model;
    this.graph = graph;
    this.references = references;
    this.referencingTasks = referencingTasks;
  }

  public static DagGraph of(DagModel model) {
    List<TaskModel> tasks = model.tasks();
    int n = tasks.size();
    String[] ids = new String[n];
    List<Reference> references = new ArrayList<>();
    List<Integer> referencingTasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids[i] = tasks.get(i).id();
      for (Reference reference : tasks.get(i).upstream()) {
        references.add(reference);
        referencingTasks.add(i);
      }
    }
    // Each edge runs from the id a reference names to the task that holds the reference.
    int m = references.size();
    EdgeList edges = new EdgeList();
    String[] names = new String[m];
    for (int e = 0; e < m; e++) {
      names[e] = references.get(e).taskId();
      edges.add(-e - 1, referencingTasks.get(e));
    }
    return new DagGraph(model, TaskGraph.of(ids, n, edges, names), references, referencingTasks);
  }

  public DagModel model() {
    return model;
  }

  /** The resolved graph and its problems, shared with the runtime's DSL. */
  public TaskGraph graph() {
    return graph;
  }

  public TaskModel task(int node) {
    return model.tasks().get(node);
  }

  /** The node of the first task declared with {@code taskId}, or null. */
  public Integer node(String taskId) {
    int i = graph.indexOf(taskId);
    return i < 0 ? null : i;
  }

  /** Where edge {@code edge} of {@link #graph()} is written. */
  public Reference reference(int edge) {
    return references.get(edge);
  }

  /** The task whose annotation holds edge {@code edge}. */
  public TaskModel referencingTask(int edge) {
    return task(referencingTasks.get(edge));
  }
}
