package io.processflow.runtime.dsl;

import io.processflow.api.TriggerRule;
import io.processflow.runtime.internal.dag.DagIndex;

/**
 * A DAG as a diagram, for docs and pull requests: Mermaid's {@code flowchart} or Graphviz's DOT,
 * left to right, one node per task (a branch as a diamond, a short circuit as a hexagon, a trigger
 * rule other than {@code all_success} in the node's label) and one edge per dependency, in the
 * DAG's order, so the same DAG always gives the same text.
 *
 * <p>Every id is written as a quoted label, escaped for its format, never as syntax: Mermaid nodes
 * are named {@code t0, t1, ...} (a task id such as {@code end} or {@code graph} is a Mermaid
 * keyword), DOT nodes by their quoted ids.
 */
public final class GraphExport {
  private GraphExport() {}

  /** A Mermaid {@code flowchart LR}. */
  public static String mermaid(DagDefinition dag) {
    StringBuilder text = new StringBuilder();
    text.append("%% dag ").append(mermaidText(dag.dagId())).append('\n');
    text.append("flowchart LR\n");
    for (int i = 0; i < dag.taskCount(); i++) {
      String label = '"' + mermaidText(label(dag, i)) + '"';
      text.append("  t").append(i);
      switch (dag.tasks().get(i).kind()) {
        case BRANCH -> text.append('{').append(label).append('}');
        case SHORT_CIRCUIT -> text.append("{{").append(label).append("}}");
        case TASK -> text.append('[').append(label).append(']');
      }
      text.append('\n');
    }
    DagIndex edges = DagIndex.of(dag);
    for (int i = 0; i < dag.taskCount(); i++) {
      for (int k = 0, m = edges.downstreamCount(i); k < m; k++) {
        text.append("  t").append(i).append(" --> t").append(edges.downstream(i, k)).append('\n');
      }
    }
    return text.toString();
  }

  /** A Graphviz {@code digraph}. */
  public static String dot(DagDefinition dag) {
    StringBuilder text = new StringBuilder();
    text.append("digraph ").append(dotId(dag.dagId())).append(" {\n");
    text.append("  rankdir=LR;\n");
    text.append("  node [shape=box];\n");
    for (int i = 0; i < dag.taskCount(); i++) {
      String id = dag.taskIds().get(i);
      text.append("  ").append(dotId(id));
      String label = label(dag, i);
      String shape =
          switch (dag.tasks().get(i).kind()) {
            case BRANCH -> "diamond";
            case SHORT_CIRCUIT -> "hexagon";
            case TASK -> null;
          };
      if (shape != null || !label.equals(id)) {
        text.append(" [");
        if (!label.equals(id)) {
          text.append("label=").append(dotId(label));
        }
        if (shape != null) {
          text.append(label.equals(id) ? "" : ", ").append("shape=").append(shape);
        }
        text.append(']');
      }
      text.append(";\n");
    }
    DagIndex edges = DagIndex.of(dag);
    for (int i = 0; i < dag.taskCount(); i++) {
      for (int k = 0, m = edges.downstreamCount(i); k < m; k++) {
        text.append("  ")
            .append(dotId(dag.taskIds().get(i)))
            .append(" -> ")
            .append(dotId(dag.taskIds().get(edges.downstream(i, k))))
            .append(";\n");
      }
    }
    return text.append("}\n").toString();
  }

  /** The task's id, and its trigger rule when it is not the default. */
  private static String label(DagDefinition dag, int i) {
    TriggerRule rule = DagIndex.of(dag).triggerRule(i);
    String id = dag.taskIds().get(i);
    return rule == TriggerRule.ALL_SUCCESS ? id : id + " (" + rule + ")";
  }

  /**
   * Text inside a Mermaid quoted label: {@code "} and the characters Mermaid reads as markup or
   * entities become its {@code #code;} entities, line breaks a space.
   */
  static String mermaidText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("#quot;");
        case '#' -> out.append("#35;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '&' -> out.append("#amp;");
        case '`' -> out.append("#96;");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A DOT quoted id: {@code "} and {@code \} escaped, line breaks as DOT's {@code \n}. */
  static String dotId(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> {}
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
