package io.processflow.api.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private static int[][] graph(int n, int[]... edges) {
    List<List<Integer>> next = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      next.add(new ArrayList<>());
    }
    for (int[] e : edges) {
      next.get(e[0]).add(e[1]);
    }
    int[][] successors = new int[n][];
    for (int i = 0; i < n; i++) {
      successors[i] = next.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return successors;
  }

  @Test
  void acyclicGraphHasNoCycles() {
    int[][] g = graph(4, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 3});
    assertThat(DependencyGraph.hasCycle(g)).isFalse();
    assertThat(DependencyGraph.findCycles(g)).isEmpty();
  }

  @Test
  void cycleIsReportedWithItsWholePathFromItsLowestNode() {
    // 0 -> 1 -> 2 -> 3 -> 1
    int[][] g = graph(4, new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 1});
    assertThat(DependencyGraph.hasCycle(g)).isTrue();
    assertThat(DependencyGraph.findCycles(g)).containsExactly(new int[] {1, 2, 3, 1});
  }

  @Test
  void selfEdgeIsACycleOfOne() {
    int[][] g = graph(2, new int[] {0, 1}, new int[] {1, 1});
    assertThat(DependencyGraph.findCycles(g)).containsExactly(new int[] {1, 1});
  }

  @Test
  void oneReportPerCycleInDeterministicOrder() {
    int[][] g =
        graph(
            6,
            new int[] {4, 5},
            new int[] {5, 4},
            new int[] {0, 1},
            new int[] {1, 2},
            new int[] {2, 0},
            new int[] {2, 3});
    assertThat(DependencyGraph.findCycles(g))
        .containsExactly(new int[] {0, 1, 2, 0}, new int[] {4, 5, 4});
  }

  @Test
  void shortestCycleThroughTheStartIsChosen() {
    // 0 -> 1 -> 2 -> 0 and 0 -> 3 -> 0
    int[][] g =
        graph(
            4,
            new int[] {0, 1},
            new int[] {1, 2},
            new int[] {2, 0},
            new int[] {0, 3},
            new int[] {3, 0});
    assertThat(DependencyGraph.findCycles(g)).containsExactly(new int[] {0, 3, 0});
  }

  @Test
  void longChainIsHandledWithoutRecursion() {
    int n = 200_000;
    int[][] g = new int[n][];
    for (int i = 0; i < n; i++) {
      g[i] = i + 1 < n ? new int[] {i + 1} : new int[] {0};
    }
    List<int[]> cycles = DependencyGraph.findCycles(g);
    assertThat(cycles).hasSize(1);
    assertThat(cycles.get(0)).hasSize(n + 1).startsWith(0, 1, 2).endsWith(n - 1, 0);
  }

  @Test
  void everyReportedCycleIsARealCycleOnRandomGraphs() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(30);
      List<int[]> edges = new ArrayList<>();
      int m = random.nextInt(n * 2);
      for (int k = 0; k < m; k++) {
        edges.add(new int[] {random.nextInt(n), random.nextInt(n)});
      }
      int[][] g = graph(n, edges.toArray(int[][]::new));
      List<int[]> cycles = DependencyGraph.findCycles(g);
      assertThat(cycles.isEmpty()).isEqualTo(!DependencyGraph.hasCycle(g));
      for (int[] cycle : cycles) {
        assertThat(cycle[0]).isEqualTo(cycle[cycle.length - 1]);
        for (int i = 0; i + 1 < cycle.length; i++) {
          int from = cycle[i];
          int to = cycle[i + 1];
          assertThat(g[from]).contains(to);
        }
      }
    }
  }

  @Test
  void anAcyclicGraphWithBackwardEdgesHasNoCycle() {
    // Declared downstream first: the edges go to earlier nodes, so the forward-edge shortcut does
    // not apply and Kahn's pass decides.
    int[][] g = graph(3, new int[] {2, 1}, new int[] {1, 0}, new int[] {2, 0});
    assertThat(DependencyGraph.hasCycle(g)).isFalse();
    assertThat(DependencyGraph.hasCycle(graph(2, new int[] {1, 0}, new int[] {0, 1}))).isTrue();
  }

  @Test
  void hasCycleAgreesWithADepthFirstSearchOnRandomGraphs() {
    Random random = new Random(11);
    for (int round = 0; round < 2000; round++) {
      int n = 1 + random.nextInt(12);
      boolean forwardOnly = random.nextBoolean();
      List<int[]> edges = new ArrayList<>();
      int m = random.nextInt(n * 2 + 1);
      for (int k = 0; k < m; k++) {
        int u = random.nextInt(n);
        int v = random.nextInt(n);
        if (forwardOnly && v <= u) {
          continue;
        }
        edges.add(new int[] {u, v});
      }
      int[][] g = graph(n, edges.toArray(int[][]::new));
      assertThat(DependencyGraph.hasCycle(g)).as("round %d", round).isEqualTo(cyclicByDfs(g));
    }
  }

  /** The reference: a depth-first search finds an edge back to a node on its current path. */
  private static boolean cyclicByDfs(int[][] g) {
    int[] color = new int[g.length]; // 0 unseen, 1 on the path, 2 done
    for (int v = 0; v < g.length; v++) {
      if (color[v] == 0 && reachesPath(g, v, color)) {
        return true;
      }
    }
    return false;
  }

  private static boolean reachesPath(int[][] g, int v, int[] color) {
    color[v] = 1;
    for (int w : g[v]) {
      if (color[w] == 1 || (color[w] == 0 && reachesPath(g, w, color))) {
        return true;
      }
    }
    color[v] = 2;
    return false;
  }
}
