package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.TaskHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graph DAG_ID --format mermaid|dot}. Neither Mermaid nor Graphviz is installed here, so the
 * output is read back by small parsers of the grammar subset it uses, which fail on anything else:
 * the nodes and edges read back must be the DAG's.
 */
class GraphCommandTest {
  private static final Pattern MERMAID_NODE =
      Pattern.compile(
          "  t(\\d+)(?:\\[\"([^\"]*)\"\\]|\\{\"([^\"]*)\"\\}|\\{\\{\"([^\"]*)\"\\}\\})");
  private static final Pattern MERMAID_EDGE = Pattern.compile("  t(\\d+) --> t(\\d+)");

  private static DagDefinition sample() {
    DagBuilder builder = DagBuilder.dag("etl.v2-daily");
    TaskHandle extract = builder.task("extract", ctx -> null);
    TaskHandle choose = builder.branch("choose", ctx -> "end");
    TaskHandle end = builder.task("end", ctx -> null); // a Mermaid keyword
    TaskHandle graph = builder.task("graph", ctx -> null);
    TaskHandle check = builder.shortCircuit("check.v-1", ctx -> true);
    TaskHandle join =
        builder.task("join", ctx -> null).triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS);
    extract.then(choose);
    choose.then(end, graph);
    extract.then(check);
    join.after(end, graph, check);
    return builder.build();
  }

  private static Set<List<String>> edges(DagDefinition dag) {
    Set<List<String>> edges = new HashSet<>();
    for (int i = 0; i < dag.taskCount(); i++) {
      for (String downstream : dag.downstreamIds(dag.taskIds().get(i))) {
        edges.add(List.of(dag.taskIds().get(i), downstream));
      }
    }
    return edges;
  }

  private static Cli graph(DagDefinition dag, String... options) {
    List<String> args = new ArrayList<>(List.of("graph", dag.dagId()));
    args.addAll(List.of(options));
    return Cli.run(List.of(DagProvider.of(dag)), args.toArray(String[]::new));
  }

  @Test
  void mermaidHasEveryTaskAndDependencyUnderSafeNames() {
    DagDefinition dag = sample();
    Cli cli = graph(dag);
    assertThat(cli.status()).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("%% dag etl.v2-daily");
    assertThat(lines.get(1)).isEqualTo("flowchart LR");
    Map<String, String> labels = new HashMap<>();
    Map<String, String> shapes = new HashMap<>();
    Set<List<String>> edges = new HashSet<>();
    for (String line : lines.subList(2, lines.size())) {
      Matcher node = MERMAID_NODE.matcher(line);
      Matcher edge = MERMAID_EDGE.matcher(line);
      if (node.matches()) {
        String label =
            node.group(2) != null
                ? node.group(2)
                : node.group(3) != null ? node.group(3) : node.group(4);
        assertThat(labels.put(node.group(1), label)).as("node t%s twice", node.group(1)).isNull();
        shapes.put(
            label.split(" ")[0],
            node.group(2) != null ? "box" : node.group(3) != null ? "diamond" : "hexagon");
      } else if (edge.matches()) {
        assertThat(labels).containsKeys(edge.group(1), edge.group(2)); // nodes come first
        edges.add(List.of(id(labels.get(edge.group(1))), id(labels.get(edge.group(2)))));
      } else {
        throw new AssertionError("not a Mermaid node or edge line: " + line);
      }
    }
    assertThat(labels.values())
        .containsExactlyInAnyOrder(
            "extract", "choose", "end", "graph", "check.v-1", "join (none_failed_min_one_success)");
    assertThat(edges).isEqualTo(edges(dag));
    assertThat(shapes)
        .containsEntry("choose", "diamond")
        .containsEntry("check.v-1", "hexagon")
        .containsEntry("end", "box");
  }

  private static String id(String label) {
    return label.split(" ")[0];
  }

  @Test
  void dotHasEveryTaskAndDependencyAsQuotedIds() {
    DagDefinition dag = sample();
    Cli cli = graph(dag, "--format", "dot");
    assertThat(cli.status()).isZero();
    Dot dot = Dot.parse(cli.out());
    assertThat(dot.name).isEqualTo("etl.v2-daily");
    assertThat(dot.nodes.keySet()).containsExactlyInAnyOrderElementsOf(dag.taskIds());
    assertThat(dot.nodes.get("choose")).containsEntry("shape", "diamond");
    assertThat(dot.nodes.get("check.v-1")).containsEntry("shape", "hexagon");
    assertThat(dot.nodes.get("join")).containsEntry("label", "join (none_failed_min_one_success)");
    assertThat(dot.edges).isEqualTo(edges(dag));
  }

  @Test
  void randomDagsReadBackAsThemselves() {
    Random random = new Random(14);
    for (int round = 0; round < 50; round++) {
      DagBuilder builder = DagBuilder.dag("random_" + round);
      int n = 1 + random.nextInt(30);
      List<TaskHandle> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        TaskHandle task = builder.task("t-" + i + (random.nextBoolean() ? ".x" : ""), ctx -> null);
        for (int j = 0; j < i; j++) {
          if (random.nextInt(5) == 0) {
            task.after(tasks.get(j));
          }
        }
        tasks.add(task);
      }
      DagDefinition dag = builder.build();
      Dot dot = Dot.parse(graph(dag, "--format", "dot").out());
      assertThat(dot.nodes.keySet()).containsExactlyInAnyOrderElementsOf(dag.taskIds());
      assertThat(dot.edges).isEqualTo(edges(dag));
      long mermaidEdges =
          graph(dag).out().lines().filter(l -> MERMAID_EDGE.matcher(l).matches()).count();
      assertThat(mermaidEdges).isEqualTo(edges(dag).size());
    }
  }

  @Test
  void hostileTextStaysInsideItsQuotes() {
    String hostile = "a\"; \"b\" -> \"c\\\" [x=1]\n`<b>#&";
    Dot dot =
        Dot.parse(
            "digraph " + io.processflow.runtime.dsl.GraphExportAccess.dotId(hostile) + " {\n}\n");
    assertThat(dot.name).isEqualTo(hostile);
    String mermaid = io.processflow.runtime.dsl.GraphExportAccess.mermaidText(hostile);
    assertThat(mermaid)
        .doesNotContain("\"", "<", ">", "`", "\n")
        .contains("#quot;", "#lt;b#gt;", "#35;", "#amp;", "#96;");
  }

  @Test
  void outputGoesToTheFileAloneWhenAsked(@TempDir Path dir) throws Exception {
    DagDefinition dag = sample();
    Path file = dir.resolve("etl.mmd");
    Cli cli = graph(dag, "--format", "dot", "-o", file.toString());
    assertThat(cli.status()).as(cli.err()).isZero();
    assertThat(cli.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(graph(dag, "--format", "dot").out());
    Cli missing = graph(dag, "-o", dir.resolve("no/such/dir/x.mmd").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("Cannot write the graph to").contains("x.mmd");
  }

  @Test
  void unknownDagsAndFormatsAreClearErrors() {
    DagDefinition dag = sample();
    Cli unknown = Cli.run(List.of(DagProvider.of(dag)), "graph", "nope");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("Unknown DAG id 'nope'; the DAGs on the classpath are: etl.v2-daily");
    Cli format = graph(dag, "--format", "svg");
    assertThat(format.status()).isEqualTo(2);
    assertThat(format.err()).contains("--format").contains("mermaid, dot").contains("svg");
  }

  /** The DOT subset GraphExport writes: quoted ids, attribute lists, edges; anything else fails. */
  static final class Dot {
    final Map<String, Map<String, String>> nodes = new HashMap<>();
    final Set<List<String>> edges = new HashSet<>();
    String name;
    private final List<String> tokens = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private int at;

    static Dot parse(String text) {
      Dot dot = new Dot();
      dot.tokenize(text);
      dot.graph();
      return dot;
    }

    private void tokenize(String text) {
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '"') {
          StringBuilder value = new StringBuilder();
          i++;
          while (text.charAt(i) != '"') {
            char d = text.charAt(i++);
            if (d == '\\') {
              char e = text.charAt(i++);
              value.append(e == 'n' ? '\n' : e);
            } else if (d == '\n') {
              throw new AssertionError("a raw line break inside a quoted id");
            } else {
              value.append(d);
            }
          }
          i++;
          tokens.add(value.toString());
          quoted.add(true);
        } else if (text.startsWith("->", i)) {
          tokens.add("->");
          quoted.add(false);
          i += 2;
        } else if ("{}[];=,".indexOf(c) >= 0) {
          tokens.add(String.valueOf(c));
          quoted.add(false);
          i++;
        } else if (Character.isLetterOrDigit(c) || c == '_') {
          int start = i;
          while (i < text.length()
              && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
          }
          tokens.add(text.substring(start, i));
          quoted.add(false);
        } else {
          throw new AssertionError("unexpected character '" + c + "' at " + i);
        }
      }
    }

    private String next() {
      return tokens.get(at++);
    }

    private void expect(String token) {
      String got = next();
      if (!got.equals(token) || quoted.get(at - 1)) {
        throw new AssertionError("expected " + token + " but got " + got);
      }
    }

    private String id() {
      if (!quoted.get(at)) {
        throw new AssertionError("expected a quoted id but got " + tokens.get(at));
      }
      return next();
    }

    private void graph() {
      expect("digraph");
      name = id();
      expect("{");
      while (!(tokens.get(at).equals("}") && !quoted.get(at))) {
        if (!quoted.get(at)) {
          String keyword = next();
          if (keyword.equals("node")) {
            attributes();
          } else {
            expect("=");
            next();
          }
        } else {
          String from = id();
          if (tokens.get(at).equals("->") && !quoted.get(at)) {
            next();
            String to = id();
            assertThat(edges.add(List.of(from, to))).as("edge %s -> %s twice", from, to).isTrue();
          } else {
            Map<String, String> attributes =
                tokens.get(at).equals("[") && !quoted.get(at) ? attributes() : new HashMap<>();
            assertThat(nodes.put(from, attributes)).as("node %s twice", from).isNull();
          }
        }
        expect(";");
      }
      expect("}");
      assertThat(at).isEqualTo(tokens.size());
      for (List<String> edge : edges) {
        assertThat(nodes).containsKeys(edge.get(0), edge.get(1));
      }
    }

    private Map<String, String> attributes() {
      Map<String, String> attributes = new HashMap<>();
      expect("[");
      while (true) {
        String key = next();
        expect("=");
        attributes.put(key, next());
        String separator = next();
        if (separator.equals("]")) {
          return attributes;
        }
        assertThat(separator).isEqualTo(",");
      }
    }
  }
}
