package io.processflow.ui;

import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.ParamSpec;
import io.processflow.runtime.journal.RunSummary;
import java.util.List;
import java.util.Locale;

/** Every DAG, on the classpath or journaled: its description, schedule, params and latest runs. */
final class HomePage {
  static final int LATEST_RUNS = 5;

  private HomePage() {}

  static String render(UiRuns runs) {
    Page page = Page.start("DAGs", false, null);
    StringBuilder out = page.builder();
    out.append("<h1>DAGs</h1><p class=\"muted\" id=\"runs-where\">Runs: ")
        .append(Html.text(runs.where()))
        .append(
            "</p><table id=\"dags\"><tr><th>DAG</th><th>description</th><th>schedule</th>"
                + "<th>params</th><th>latest runs</th></tr>");
    for (String dagId : runs.dagIds()) {
      DagProvider provider = runs.provider(dagId);
      out.append("<tr class=\"dag\" data-dag-id=\"")
          .append(Html.text(dagId))
          .append("\"><td><a href=\"")
          .append(Html.text(Html.path("dags", dagId)))
          .append("\">")
          .append(Html.text(dagId))
          .append("</a></td><td>");
      if (provider == null) {
        out.append(
            "<span class=\"muted\">not on the classpath: journals only</span></td><td></td><td>");
      } else {
        out.append(Html.text(provider.description()))
            .append("</td><td>")
            .append(Html.text(provider.schedule()))
            .append("</td><td>");
        for (ParamSpec param : provider.paramSpecs()) {
          out.append("<div>")
              .append(Html.text(param.name()))
              .append(": ")
              .append(Html.text(param.describe()))
              .append("</div>");
        }
      }
      out.append("</td><td>");
      runBadges(out, dagId, runs.runs(dagId), LATEST_RUNS);
      out.append("</td></tr>");
    }
    out.append("</table>");
    return page.end(false);
  }

  /** Up to {@code max} runs as state badges linking to their pages, newest first. */
  static void runBadges(StringBuilder out, String dagId, List<RunSummary> runs, int max) {
    for (int i = 0; i < Math.min(max, runs.size()); i++) {
      RunSummary run = runs.get(i);
      String state = run.state().toString().toLowerCase(Locale.ROOT);
      out.append("<a class=\"badge run state-")
          .append(state)
          .append("\" data-run-id=\"")
          .append(Html.text(run.runId()))
          .append("\" data-state=\"")
          .append(state)
          .append("\" href=\"")
          .append(Html.text(Html.path("dags", dagId, "runs", run.runId())))
          .append("\">")
          .append(Html.text(run.runId()))
          .append("</a> ");
    }
  }
}
