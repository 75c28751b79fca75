package io.processflow.api.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskGraphTest {
  private static TaskGraph graph(String[] ids, String... edges) {
    String[] from = new String[edges.length];
    String[] to = new String[edges.length];
    for (int e = 0; e < edges.length; e++) {
      String[] ends = edges[e].split(">>");
      from[e] = ends[0];
      to[e] = ends[1];
    }
    return TaskGraph.ofIds(ids, ids.length, from, to, edges.length);
  }

  private static List<String> down(TaskGraph g, String id) {
    return neighbours(g, g.downStart(), g.downTargets(), id);
  }

  private static List<String> up(TaskGraph g, String id) {
    return neighbours(g, g.upStart(), g.upSources(), id);
  }

  private static List<String> neighbours(TaskGraph g, int[] start, int[] flat, String id) {
    int i = g.indexOf(id);
    List<String> ids = new ArrayList<>();
    for (int k = start[i]; k < start[i + 1]; k++) {
      ids.add(g.id(flat[k]));
    }
    return ids;
  }

  @Test
  void edgesKeepTheirDeclarationOrderAndARepeatedEdgeCountsOnce() {
    TaskGraph g =
        graph(new String[] {"a", "b", "c", "d"}, "a>>d", "c>>d", "a>>c", "a>>d", "b>>c", "b>>d");
    assertThat(g.isValid()).isTrue();
    assertThat(down(g, "a")).containsExactly("d", "c");
    assertThat(up(g, "d")).containsExactly("a", "c", "b");
    assertThat(up(g, "c")).containsExactly("a", "b");
    assertThat(g.upStart()[4]).isEqualTo(5);
  }

  @Test
  void problemsAreFoundWithTheirIndexes() {
    TaskGraph g = graph(new String[] {"a", "b", "a", ""}, "a>>b", "b>>a", "b>>b", "a>>zz", "yy>>b");
    assertThat(g.duplicateIds()).containsExactly(0, 2);
    assertThat(g.unknownEnds()).containsExactly(3, 1, 4, 0);
    assertThat(g.selfEdges()).containsExactly(2);
    assertThat(g.cycles()).hasSize(1);
    TaskGraph.Cycle cycle = g.cycles().get(0);
    assertThat(g.path(cycle)).isEqualTo("a -> b -> a");
    assertThat(cycle.closingEdge()).isEqualTo(1);
    assertThat(g.indexOf("")).isEqualTo(-1);
    assertThat(g.isValid()).isFalse();
  }

  @Test
  void hintsTheOneCloseIdOrListsTheIds() {
    String[] ids = new String[12];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "task_" + (char) ('a' + i);
    }
    TaskGraph g = graph(ids);
    assertThat(g.hint("task_bb")).isEqualTo("did you mean 'task_b'?");
    assertThat(g.hint("other"))
        .startsWith("the DAG's task ids are task_a, task_b, ")
        .endsWith("task_j, ...");
  }

  /** The flat arrays against a model of sets, on random graphs with repeated edges. */
  @Test
  void randomGraphsMatchAModel() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(40);
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = "t" + i;
      }
      int m = round % 50 == 0 ? 3_000 + random.nextInt(2_000) : random.nextInt(3 * n);
      String[] from = new String[m];
      String[] to = new String[m];
      List<Set<Integer>> model = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        model.add(new LinkedHashSet<>());
      }
      for (int e = 0; e < m; e++) {
        int u = random.nextInt(n);
        int v = random.nextInt(n);
        from[e] = ids[u];
        to[e] = ids[v];
        if (u != v) {
          model.get(u).add(v);
        }
      }
      TaskGraph g = TaskGraph.ofIds(ids, n, from, to, m);
      int[][] successors = new int[n][];
      for (int u = 0; u < n; u++) {
        int[] got = Arrays.copyOfRange(g.downTargets(), g.downStart()[u], g.downStart()[u + 1]);
        assertThat(got)
            .containsExactly(model.get(u).stream().mapToInt(Integer::intValue).toArray());
        successors[u] = got;
      }
      for (int v = 0; v < n; v++) {
        List<Integer> expected = new ArrayList<>();
        for (int u = 0; u < n; u++) {
          if (model.get(u).contains(v)) {
            expected.add(u);
          }
        }
        List<Integer> got = new ArrayList<>();
        for (int k = g.upStart()[v]; k < g.upStart()[v + 1]; k++) {
          got.add(g.upSources()[k]);
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
      }
      assertThat(g.cycles().isEmpty()).isEqualTo(!DependencyGraph.hasCycle(successors));
      // The same edges with some ends given as task indexes resolve to the same arrays.
      EdgeList edges = new EdgeList();
      String[] names = new String[m];
      for (int e = 0; e < m; e++) {
        names[e] = from[e];
        edges.add(
            e % 2 == 0 ? -e - 1 : Integer.parseInt(from[e].substring(1)),
            Integer.parseInt(to[e].substring(1)));
      }
      TaskGraph mixed = TaskGraph.of(ids, n, edges, names);
      assertThat(mixed.downStart()).isEqualTo(g.downStart());
      assertThat(mixed.downTargets()).isEqualTo(g.downTargets());
      assertThat(mixed.upStart()).isEqualTo(g.upStart());
      assertThat(mixed.upSources()).isEqualTo(g.upSources());
      assertThat(mixed.selfEdges()).isEqualTo(g.selfEdges());
    }
  }

  /**
   * The sequential pass that spares most DAGs a stamp array and a cycle search: graphs whose tasks
   * list their upstream tasks in ascending order (or not), with edges that all go forward (or not),
   * repeated (or not), each against a model: both directions in edge order, a repeat once, and a
   * cycle exactly when there is one.
   */
  @Test
  void forwardAndAscendingGraphsMatchAModel() {
    Random random = new Random(11);
    for (int round = 0; round < 400; round++) {
      int n = 2 + random.nextInt(30);
      boolean ascending = round % 2 == 0;
      boolean repeats = round % 3 == 0;
      boolean backEdge = round % 5 == 0;
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = "t" + i;
      }
      List<int[]> edges = new ArrayList<>();
      for (int v = 1; v < n; v++) {
        List<Integer> ups = new ArrayList<>();
        for (int u = 0; u < v; u++) {
          if (random.nextInt(4) == 0) {
            ups.add(u);
          }
        }
        if (!ascending) {
          java.util.Collections.shuffle(ups, random);
        }
        for (int u : ups) {
          edges.add(new int[] {u, v});
          if (repeats && random.nextInt(3) == 0) {
            edges.add(new int[] {u, v});
          }
        }
      }
      if (backEdge) {
        int u = 1 + random.nextInt(n - 1);
        int w = random.nextInt(u);
        edges.add(new int[] {w, u});
        edges.add(new int[] {u, w});
      }
      String[] from = new String[edges.size()];
      String[] to = new String[edges.size()];
      List<Set<Integer>> downModel = new ArrayList<>();
      List<Set<Integer>> upModel = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        downModel.add(new LinkedHashSet<>());
        upModel.add(new LinkedHashSet<>());
      }
      for (int e = 0; e < edges.size(); e++) {
        int[] edge = edges.get(e);
        from[e] = ids[edge[0]];
        to[e] = ids[edge[1]];
        downModel.get(edge[0]).add(edge[1]);
        upModel.get(edge[1]).add(edge[0]);
      }
      TaskGraph g = TaskGraph.ofIds(ids, n, from, to, edges.size());
      int[][] successors = new int[n][];
      for (int i = 0; i < n; i++) {
        successors[i] = Arrays.copyOfRange(g.downTargets(), g.downStart()[i], g.downStart()[i + 1]);
        assertThat(successors[i])
            .containsExactly(downModel.get(i).stream().mapToInt(Integer::intValue).toArray());
        assertThat(Arrays.copyOfRange(g.upSources(), g.upStart()[i], g.upStart()[i + 1]))
            .containsExactly(upModel.get(i).stream().mapToInt(Integer::intValue).toArray());
      }
      assertThat(g.cycles().isEmpty()).isEqualTo(!DependencyGraph.hasCycle(successors));
      assertThat(g.cycles().isEmpty()).isEqualTo(!backEdge);
    }
  }
}
