package io.processflow.api.internal.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cycle checks on a directed graph of nodes {@code 0..n-1}, given flat: node {@code u}'s successors
 * are {@code targets[start[u] .. start[u + 1])} (the layout {@link TaskGraph} and the runtime
 * keep), or as jagged successor arrays. Every method is linear in nodes + edges and iterative (no
 * recursion, so a 100,000-task chain is fine).
 */
public final class DependencyGraph {
  private DependencyGraph() {}

  /** True when the graph has a cycle (self-edges included); see {@link #hasCycle(int[], int[])}. */
  public static boolean hasCycle(int[][] successors) {
    int[] start = offsets(successors);
    return hasCycle(start, flatten(successors, start));
  }

  /**
   * True when the graph has a cycle (self-edges included): Kahn's algorithm, the cheap check, after
   * a cheaper one: a graph whose every edge goes to a later node (tasks declared upstream first, as
   * most DAGs are) has none, and one pass over the edges without allocating says so (RuntimeBench,
   * end to end: Kahn's pass was a sixth of building a 10,000-task DAG).
   */
  public static boolean hasCycle(int[] start, int[] targets) {
    int n = start.length - 1;
    if (edgesGoForward(start, targets)) {
      return false;
    }
    int[] inDegree = new int[n];
    for (int e = 0; e < start[n]; e++) {
      inDegree[targets[e]]++;
    }
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int v = 0; v < n; v++) {
      if (inDegree[v] == 0) {
        queue[tail++] = v;
      }
    }
    while (head < tail) {
      int u = queue[head++];
      for (int e = start[u]; e < start[u + 1]; e++) {
        if (--inDegree[targets[e]] == 0) {
          queue[tail++] = targets[e];
        }
      }
    }
    return tail != n;
  }

  /** True when every edge {@code u -> v} has {@code v > u}: node order is then topological. */
  private static boolean edgesGoForward(int[] start, int[] targets) {
    int n = start.length - 1;
    for (int u = 0; u < n; u++) {
      for (int e = start[u]; e < start[u + 1]; e++) {
        if (targets[e] <= u) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Node {@code u}'s successors start at {@code offsets(successors)[u]}; one more entry ends them.
   */
  public static int[] offsets(int[][] successors) {
    int[] start = new int[successors.length + 1];
    for (int i = 0; i < successors.length; i++) {
      start[i + 1] = start[i] + successors[i].length;
    }
    return start;
  }

  /** Every successor array one after the other, as {@code start} places them. */
  public static int[] flatten(int[][] successors, int[] start) {
    int[] flat = new int[start[successors.length]];
    for (int i = 0; i < successors.length; i++) {
      System.arraycopy(successors[i], 0, flat, start[i], successors[i].length);
    }
    return flat;
  }

  /**
   * One cycle for every strongly connected component that has one, as node paths whose first node
   * is repeated at the end ({@code [a, b, c, a]}). Each path starts at the component's lowest index
   * and is the shortest cycle through it, so reports are deterministic; a self-edge gives {@code
   * [a, a]}. Paths are ordered by their first node.
   */
  public static List<int[]> findCycles(int[][] successors) {
    int[] start = offsets(successors);
    return findCycles(start, flatten(successors, start));
  }

  /** {@link #findCycles(int[][])} on the flat layout. */
  public static List<int[]> findCycles(int[] start, int[] targets) {
    if (!hasCycle(start, targets)) {
      return List.of();
    }
    int[] component = stronglyConnectedComponents(start, targets);
    int n = start.length - 1;
    int componentCount = 0;
    for (int c : component) {
      componentCount = Math.max(componentCount, c + 1);
    }
    int[] size = new int[componentCount];
    int[] lowest = new int[componentCount];
    Arrays.fill(lowest, -1);
    for (int v = 0; v < n; v++) {
      size[component[v]]++;
      if (lowest[component[v]] < 0) {
        lowest[component[v]] = v;
      }
    }
    List<int[]> cycles = new ArrayList<>();
    int[] parent = new int[n];
    Arrays.fill(parent, -1);
    int[] queue = new int[n];
    for (int v = 0; v < n; v++) {
      int c = component[v];
      if (lowest[c] != v) {
        continue;
      }
      if (size[c] == 1) {
        if (contains(start, targets, v, v)) {
          cycles.add(new int[] {v, v});
        }
      } else {
        cycles.add(shortestCycleThrough(v, component, start, targets, parent, queue));
      }
    }
    return cycles;
  }

  /** Breadth-first search inside {@code start}'s component for the shortest path back to it. */
  private static int[] shortestCycleThrough(
      int origin, int[] component, int[] start, int[] targets, int[] parent, int[] queue) {
    int c = component[origin];
    int head = 0;
    int tail = 0;
    queue[tail++] = origin;
    parent[origin] = origin;
    int last = -1;
    search:
    while (head < tail) {
      int u = queue[head++];
      for (int e = start[u]; e < start[u + 1]; e++) {
        int v = targets[e];
        if (v == origin) {
          last = u;
          break search;
        }
        if (component[v] == c && parent[v] < 0) {
          parent[v] = u;
          queue[tail++] = v;
        }
      }
    }
    // Nodes of one component are visited by one search only, so resetting what it touched keeps
    // the whole pass linear.
    int length = 1;
    for (int u = last; u != origin; u = parent[u]) {
      length++;
    }
    int[] path = new int[length + 1];
    path[0] = origin;
    path[length] = origin;
    int i = length - 1;
    for (int u = last; u != origin; u = parent[u]) {
      path[i--] = u;
    }
    for (int k = 0; k < tail; k++) {
      parent[queue[k]] = -1;
    }
    return path;
  }

  private static boolean contains(int[] start, int[] targets, int node, int value) {
    for (int e = start[node]; e < start[node + 1]; e++) {
      if (targets[e] == value) {
        return true;
      }
    }
    return false;
  }

  /** Tarjan's algorithm with an explicit stack: the component number of every node. */
  static int[] stronglyConnectedComponents(int[][] successors) {
    int[] start = offsets(successors);
    return stronglyConnectedComponents(start, flatten(successors, start));
  }

  static int[] stronglyConnectedComponents(int[] start, int[] targets) {
    int n = start.length - 1;
    int[] index = new int[n];
    int[] low = new int[n];
    int[] component = new int[n];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int stackSize = 0;
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    int nextIndex = 0;
    int nextComponent = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callEdge[0] = 0;
      index[root] = low[root] = nextIndex++;
      stack[stackSize++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int u = callNode[depth];
        if (callEdge[depth] < start[u + 1] - start[u]) {
          int v = targets[start[u] + callEdge[depth]++];
          if (index[v] < 0) {
            index[v] = low[v] = nextIndex++;
            stack[stackSize++] = v;
            onStack[v] = true;
            depth++;
            callNode[depth] = v;
            callEdge[depth] = 0;
          } else if (onStack[v]) {
            low[u] = Math.min(low[u], index[v]);
          }
        } else {
          if (low[u] == index[u]) {
            int w;
            do {
              w = stack[--stackSize];
              onStack[w] = false;
              component[w] = nextComponent;
            } while (w != u);
            nextComponent++;
          }
          depth--;
          if (depth >= 0) {
            int caller = callNode[depth];
            low[caller] = Math.min(low[caller], low[u]);
          }
        }
      }
    }
    return component;
  }
}
