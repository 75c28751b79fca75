package io.processflow.processor.graph;

import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.Reference;
import io.processflow.processor.model.TaskModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DAG model's tasks as nodes {@code 0..n-1} (declaration order) and its resolved dependencies as
 * edges upstream -> downstream, built once in time linear in tasks + references. References to
 * unknown ids and to the task itself are left out (their own rules report them); a task id declared
 * twice resolves to its first declaration.
 */
public final class DagGraph {
  private final DagModel model;
  private final Map<String, Integer> index;
  private final int[][] successors;
  private final Map<Long, Reference> edgeReferences;

  private DagGraph(
      DagModel model, Map<String, Integer> index, int[][] successors, Map<Long, Reference> edgeReferences) {
    this.model = model;
    this.index = index;
    this.successors = successors;
    this.edgeReferences = edgeReferences;
  }

  public static DagGraph of(DagModel model) {
    List<TaskModel> tasks = model.tasks();
    int n = tasks.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.putIfAbsent(tasks.get(i).id(), i);
    }
    Map<Long, Reference> edgeReferences = new HashMap<>();
    int[] outDegree = new int[n];
    for (int i = 0; i < n; i++) {
      for (Reference reference : tasks.get(i).upstream()) {
        Integer upstream = index.get(reference.taskId());
        if (upstream != null && upstream != i && edgeReferences.putIfAbsent(key(upstream, i), reference) == null) {
          outDegree[upstream]++;
        }
      }
    }
    int[][] successors = new int[n][];
    for (int i = 0; i < n; i++) {
      successors[i] = new int[outDegree[i]];
    }
    int[] filled = new int[n];
    for (long edge : edgeReferences.keySet()) {
      int upstream = (int) (edge >>> 32);
      successors[upstream][filled[upstream]++] = (int) edge;
    }
    // HashMap order is arbitrary: sort each successor list so cycle paths are deterministic.
    for (int[] next : successors) {
      Arrays.sort(next);
    }
    return new DagGraph(model, index, successors, edgeReferences);
  }

  private static long key(int upstream, int downstream) {
    return ((long) upstream << 32) | downstream;
  }

  public DagModel model() {
    return model;
  }

  public TaskModel task(int node) {
    return model.tasks().get(node);
  }

  /** The node of the first task declared with {@code taskId}, or null. */
  public Integer node(String taskId) {
    return index.get(taskId);
  }

  public Iterable<String> taskIds() {
    return index.keySet();
  }

  public int taskCount() {
    return index.size();
  }

  /** Successor arrays for {@link io.processflow.api.internal.graph.DependencyGraph}. */
  public int[][] successors() {
    return successors;
  }

  /** The first reference that made {@code downstream} depend on {@code upstream}. */
  public Reference reference(int upstream, int downstream) {
    return edgeReferences.get(key(upstream, downstream));
  }
}
