package io.processflow.ui;

import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.ParamSpec;
import io.processflow.runtime.journal.RunSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The page of one DAG: the trigger form (for a DAG on the classpath), the Grid (runs as columns,
 * oldest left, as Airflow draws it; tasks as rows) and the list of its runs.
 */
final class DagPage {
  /** How many runs the Grid shows. */
  static final int GRID_RUNS = 25;

  private DagPage() {}

  /**
   * Renders the page; {@code models} are the Grid's runs, newest first; {@code given} the values of
   * a rejected trigger form and {@code problem} why it was rejected (both may be null).
   */
  static String render(
      String dagId,
      DagProvider provider,
      List<RunSummary> runs,
      List<RunModel> models,
      String csrf,
      Map<String, String> given,
      String problem,
      int page) {
    Page html = Page.start(dagId, false, null, dagId, null);
    StringBuilder out = html.builder();
    out.append("<h1>").append(Html.text(dagId)).append("</h1>");
    if (provider != null) {
      out.append("<p>")
          .append(Html.text(provider.description()))
          .append("</p><p>schedule: ")
          .append(Html.text(provider.schedule()))
          .append("</p>");
      trigger(out, dagId, provider, csrf, given, problem);
    } else {
      out.append(
          "<p class=\"muted\">This DAG is not on the classpath: its journals are shown, it cannot be triggered or cleared.</p>");
    }
    grid(out, dagId, provider, models, page);
    out.append(
        "<h2>Runs</h2><table id=\"runs\"><tr><th>run</th><th>state</th><th>start</th><th>end</th>"
            + "<th>duration</th><th>resumes</th></tr>");
    for (RunSummary run : runs) {
      String state = run.state().toString().toLowerCase(Locale.ROOT);
      out.append("<tr class=\"run\" data-run-id=\"")
          .append(Html.text(run.runId()))
          .append("\" data-state=\"")
          .append(state)
          .append("\"><td><a href=\"")
          .append(Html.text(Html.path("dags", dagId, "runs", run.runId())))
          .append("\">")
          .append(Html.text(run.runId()))
          .append("</a></td><td><span class=\"badge state-")
          .append(state)
          .append("\">")
          .append(state)
          .append("</span></td><td>")
          .append(Html.time(run.start()))
          .append("</td><td>")
          .append(Html.time(run.end()))
          .append("</td><td>")
          .append(
              run.start() != null && run.end() != null
                  ? Html.duration(Duration.between(run.start(), run.end()))
                  : "")
          .append("</td><td>")
          .append(run.resumes())
          .append("</td></tr>");
    }
    out.append("</table>");
    return html.end(false);
  }

  private static void trigger(
      StringBuilder out,
      String dagId,
      DagProvider provider,
      String csrf,
      Map<String, String> given,
      String problem) {
    out.append("<h2>Trigger a run</h2>");
    if (problem != null) {
      out.append("<p class=\"error\" id=\"trigger-error\">")
          .append(Html.text(problem))
          .append("</p>");
    }
    out.append("<form id=\"trigger\" method=\"post\" action=\"")
        .append(Html.text(Html.path("dags", dagId, "trigger")))
        .append("\"><input type=\"hidden\" name=\"csrf\" value=\"")
        .append(Html.text(csrf))
        .append("\"><table>");
    for (ParamSpec param : provider.paramSpecs()) {
      String field = "param." + param.name();
      String value =
          given != null && given.containsKey(field)
              ? given.get(field)
              : Values.text(param.defaultValue());
      out.append("<tr><th><label for=\"")
          .append(Html.text(field))
          .append("\">")
          .append(Html.text(param.name()))
          .append("</label></th><td><input id=\"")
          .append(Html.text(field))
          .append("\" name=\"")
          .append(Html.text(field))
          .append("\" value=\"")
          .append(Html.text(value))
          .append("\" size=\"40\"></td><td class=\"muted\">")
          .append(Html.text(param.describe()))
          .append("</td></tr>");
    }
    String runId = given == null ? "" : given.getOrDefault("run_id", "");
    out.append(
            "<tr><th><label for=\"run_id\">run id</label></th><td><input id=\"run_id\" name=\"run_id\" value=\"")
        .append(Html.text(runId))
        .append(
            "\" size=\"40\"></td><td class=\"muted\">default: manual__&lt;logical date&gt;</td></tr>");
    out.append("</table><button type=\"submit\" id=\"trigger-button\">Trigger</button></form>");
  }

  private static void grid(
      StringBuilder out, String dagId, DagProvider provider, List<RunModel> models, int page) {
    out.append("<h2>Grid</h2>");
    if (models.isEmpty()) {
      out.append("<p class=\"muted\">No runs yet.</p>");
      return;
    }
    List<RunModel> columns = new ArrayList<>(models);
    java.util.Collections.reverse(columns);
    Set<String> taskIds = new LinkedHashSet<>();
    if (provider != null) {
      taskIds.addAll(provider.definition().taskIds());
    }
    for (RunModel run : columns) {
      for (RunModel.TaskRow task : run.tasks()) {
        taskIds.add(task.taskId());
      }
    }
    out.append("<div class=\"scroll\"><table class=\"grid\" id=\"grid\"><tr><th>task</th>");
    for (RunModel run : columns) {
      String state = run.state().toString().toLowerCase(Locale.ROOT);
      out.append("<th><a class=\"cell state-")
          .append(state)
          .append("\" data-run-id=\"")
          .append(Html.text(run.runId()))
          .append("\" data-state=\"")
          .append(state)
          .append("\" title=\"")
          .append(Html.text(run.runId()))
          .append(' ')
          .append(state)
          .append("\" href=\"")
          .append(Html.text(Html.path("dags", dagId, "runs", run.runId())))
          .append("\"></a></th>");
    }
    out.append("</tr>");
    List<Map<String, Integer>> indexes = new ArrayList<>();
    for (RunModel run : columns) {
      Map<String, Integer> index = new java.util.HashMap<>();
      for (int i = 0; i < run.tasks().size(); i++) {
        index.put(run.tasks().get(i).taskId(), i);
      }
      indexes.add(index);
    }
    List<String> rows = new ArrayList<>(taskIds);
    int size = RunPage.PAGE_SIZE;
    int from = Math.min(page * size, Math.max(0, rows.size() - 1) / size * size);
    int to = Math.min(rows.size(), from + size);
    for (String taskId : rows.subList(from, to)) {
      String id = Html.text(taskId);
      out.append("<tr><td>").append(id).append("</td>");
      for (int c = 0; c < columns.size(); c++) {
        RunModel run = columns.get(c);
        int index = indexes.get(c).getOrDefault(taskId, -1);
        RunModel.TaskRow task = index < 0 ? null : run.tasks().get(index);
        String state = task == null ? "none" : task.state().toString();
        out.append("<td class=\"cell\"><a class=\"cell state-")
            .append(state)
            .append("\" data-task-id=\"")
            .append(id)
            .append("\" data-run-id=\"")
            .append(Html.text(run.runId()))
            .append("\" data-state=\"")
            .append(state)
            .append("\" title=\"")
            .append(id)
            .append(' ')
            .append(state)
            .append("\" href=\"")
            .append(Html.text(Html.path("dags", dagId, "runs", run.runId())))
            .append(index < 0 ? "" : "#task-" + index)
            .append("\"></a></td>");
      }
      out.append("</tr>");
    }
    out.append("</table></div>");
    if (rows.size() > size) {
      out.append("<p class=\"pages\">Tasks ")
          .append(from + 1)
          .append("&ndash;")
          .append(to)
          .append(" of ")
          .append(rows.size())
          .append(':');
      for (int p = 0; p * size < rows.size(); p++) {
        out.append(
            p * size == from
                ? " <b>" + (p + 1) + "</b>"
                : " <a href=\"?page=" + p + "\">" + (p + 1) + "</a>");
      }
      out.append("</p>");
    }
  }
}
