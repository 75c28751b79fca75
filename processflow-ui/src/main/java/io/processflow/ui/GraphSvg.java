package io.processflow.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * The graph of a run as one SVG drawn on the server: tasks in columns by {@link Layers layer},
 * ordered in each column by the mean row of their upstream tasks (one barycentre pass), edges as
 * curves. No layout library and no script: the same markup serves the UI and the report.
 */
final class GraphSvg {
  static final int NODE_W = 170;
  static final int NODE_H = 34;
  static final int GAP_X = 50;
  static final int GAP_Y = 10;

  /** The most characters of a task id a node shows; a longer one is cut, whole in its tooltip. */
  static final int SHOWN = 24;

  private GraphSvg() {}

  /** Appends the SVG of {@code run} to {@code out}; {@code taskHref} gives each node's link. */
  static void append(
      StringBuilder out, RunModel run, java.util.function.IntFunction<String> taskHref) {
    int n = run.tasks().size();
    int[] layer = run.layers();
    int columns = 0;
    for (int l : layer) {
      columns = Math.max(columns, l + 1);
    }
    List<List<Integer>> byLayer = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      byLayer.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      byLayer.get(layer[i]).add(i);
    }
    int[] row = new int[n];
    double[] key = new double[n];
    int rows = 0;
    for (List<Integer> column : byLayer) {
      for (int i : column) {
        int[] ups = run.upstream()[i];
        double sum = 0;
        for (int u : ups) {
          sum += row[u];
        }
        key[i] = ups.length == 0 ? i : sum / ups.length;
      }
      column.sort((a, b) -> Double.compare(key[a], key[b]));
      for (int r = 0; r < column.size(); r++) {
        row[column.get(r)] = r;
      }
      rows = Math.max(rows, column.size());
    }
    int width = Math.max(1, columns) * (NODE_W + GAP_X);
    int height = Math.max(1, rows) * (NODE_H + GAP_Y) + GAP_Y;
    out.append("<svg id=\"graph\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\">");
    // Every edge in one path: one element instead of one per edge is what keeps a 10,000-task
    // graph quick to lay out in the browser (see UiScaleBench).
    out.append("<path class=\"edge\" d=\"");
    for (int i = 0; i < n; i++) {
      int x1 = x(layer[i]);
      int y1 = y(row[i]) + NODE_H / 2;
      for (int u : run.upstream()[i]) {
        int x0 = x(layer[u]) + NODE_W;
        int y0 = y(row[u]) + NODE_H / 2;
        int mid = (x0 + x1) / 2;
        out.append('M')
            .append(x0)
            .append(',')
            .append(y0)
            .append('C')
            .append(mid)
            .append(',')
            .append(y0)
            .append(' ')
            .append(mid)
            .append(',')
            .append(y1)
            .append(' ')
            .append(x1)
            .append(',')
            .append(y1);
      }
    }
    out.append("\"/>");
    for (int i = 0; i < n; i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      String state = task.state().toString();
      String id = Html.text(task.taskId());
      out.append("<a href=\"").append(Html.text(taskHref.apply(i))).append("\">");
      out.append("<g class=\"node state-")
          .append(state)
          .append("\" data-task-id=\"")
          .append(id)
          .append("\" data-state=\"")
          .append(state)
          .append("\" transform=\"translate(")
          .append(x(layer[i]))
          .append(',')
          .append(y(row[i]))
          .append(")\">");
      if (task.taskId().length() > SHOWN) {
        out.append("<title>").append(id).append("</title>");
      }
      out.append("<rect width=\"")
          .append(NODE_W)
          .append("\" height=\"")
          .append(NODE_H)
          .append("\" rx=\"4\"/>");
      // The state is the border's colour (Airflow's); one text per node keeps big graphs quick to
      // draw.
      out.append("<text x=\"8\" y=\"22\">")
          .append(Html.text(shorten(task.taskId(), SHOWN)))
          .append("</text>");
      out.append("</g></a>");
    }
    out.append("</svg>");
  }

  private static int x(int layer) {
    return GAP_X / 2 + layer * (NODE_W + GAP_X);
  }

  private static int y(int row) {
    return GAP_Y + row * (NODE_H + GAP_Y);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
