package io.processflow.ui;

import io.processflow.api.TaskError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The page of one run: its params, then the part that follows the run live (its state, the Graph,
 * the Gantt and the tasks with their tries and log links), and, for a DAG on the classpath whose run
 * has ended, a button per task to clear it. The report is the same page made self-contained: links
 * to logs point into the file, where each try's log is written out.
 */
final class RunPage {
  private RunPage() {}

  /** The served page; {@code csrf} is the form token, {@code canClear} when the DAG is on the classpath. */
  static String served(RunModel run, String version, String csrf, boolean canClear, String notice) {
    String livePath = Html.path("dags", run.dagId(), "runs", run.runId(), "live");
    String body =
        (run.ended() ? "" : "data-live=\"" + Html.text(livePath) + "\" ")
            + "data-version=\"" + Html.text(version) + "\"";
    Page page =
        Page.start(
            run.runId(), false, body, run.dagId(), Html.path("dags", run.dagId()), run.runId(), null);
    StringBuilder out = page.builder();
    if (notice != null) {
      out.append("<p class=\"error\" id=\"notice\">").append(Html.text(notice)).append("</p>");
    }
    head(out, run);
    boolean clear = canClear && run.ended();
    if (clear) {
      out.append("<form id=\"clear-form\" method=\"post\" action=\"")
          .append(Html.text(Html.path("dags", run.dagId(), "runs", run.runId(), "clear")))
          .append("\"><input type=\"hidden\" name=\"csrf\" value=\"").append(Html.text(csrf))
          .append("\"></form>");
    }
    out.append("<div id=\"live\">");
    live(out, run, false, clear);
    out.append("</div>");
    return page.end(false);
  }

  /** The part of the page that follows the run, served alone while the run runs. */
  static String live(RunModel run, boolean canClear) {
    StringBuilder out = new StringBuilder(8192);
    live(out, run, false, canClear && run.ended());
    return out.toString();
  }

  /** The self-contained report: {@code logs} gives each try's log text (or {@code null}). */
  static String report(RunModel run, LogSource logs) {
    Page page = Page.start(run.dagId() + " " + run.runId(), true, null, run.dagId(), null, run.runId(), null);
    StringBuilder out = page.builder();
    head(out, run);
    live(out, run, true, false);
    out.append("<h2>Logs</h2>");
    for (int i = 0; i < run.tasks().size(); i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      for (RunModel.Try t : task.tries()) {
        out.append("<section class=\"log\" id=\"log-").append(i).append('-').append(t.number())
            .append("\" data-task-id=\"").append(Html.text(task.taskId())).append("\" data-try=\"")
            .append(t.number()).append("\" data-state=\"").append(t.state()).append("\"><h3>")
            .append(Html.text(task.taskId())).append(", try ").append(t.number()).append("</h3>");
        String log = logs.log(task.taskId(), t.number());
        if (log == null) {
          out.append("<p class=\"muted\">No log was recorded for this try.</p>");
        } else {
          out.append("<pre class=\"log\">").append(Html.text(log)).append("</pre>");
        }
        out.append("</section>");
      }
    }
    return page.end(true);
  }

  /** Each try's log text for the report. */
  interface LogSource {
    /** The log of try {@code tryNumber} of {@code taskId}, or {@code null} when there is none. */
    String log(String taskId, int tryNumber);
  }

  private static void head(StringBuilder out, RunModel run) {
    out.append("<h1>").append(Html.text(run.dagId())).append(" &middot; ")
        .append(Html.text(run.runId())).append("</h1>");
    out.append("<table class=\"facts\"><tr><th>logical date</th><td>")
        .append(Html.text(run.logicalDate())).append("</td></tr>");
    for (Map.Entry<String, Object> param : run.params().entrySet()) {
      out.append("<tr><th>param ").append(Html.text(param.getKey())).append("</th><td class=\"param\">")
          .append(Html.text(Values.text(param.getValue()))).append("</td></tr>");
    }
    out.append("</table>");
    for (String warning : run.warnings()) {
      out.append("<p class=\"warning\">").append(Html.text(warning)).append("</p>");
    }
  }

  private static void live(StringBuilder out, RunModel run, boolean report, boolean clear) {
    String state = run.state().toString().toLowerCase(java.util.Locale.ROOT);
    out.append("<p>Run <span id=\"run-state\" class=\"badge state-").append(state)
        .append("\" data-state=\"").append(state).append("\">").append(state).append("</span>");
    if (run.start() != null) {
      out.append(" started ").append(Html.time(run.start())).append(" UTC");
    }
    if (run.end() != null) {
      out.append(", ended ").append(Html.time(run.end())).append(" UTC, took ")
          .append(Html.duration(Duration.between(run.start() == null ? run.end() : run.start(), run.end())));
    }
    out.append("</p>");
    out.append("<h2>Graph</h2><div class=\"scroll\">");
    GraphSvg.append(out, run, i -> "#task-" + i);
    out.append("</div>");
    gantt(out, run, report);
    tasks(out, run, report, clear);
  }

  private static void gantt(StringBuilder out, RunModel run, boolean report) {
    Instant from = run.start();
    Instant to = run.end();
    for (RunModel.TaskRow task : run.tasks()) {
      for (RunModel.Try t : task.tries()) {
        from = from == null || t.start().isBefore(from) ? t.start() : from;
        Instant end = t.end() == null ? t.start() : t.end();
        to = to == null || end.isAfter(to) ? end : to;
      }
    }
    out.append("<h2>Gantt</h2>");
    if (from == null) {
      out.append("<p class=\"muted\">No task has started.</p>");
      return;
    }
    Instant now = run.ended() ? to : Instant.now();
    if (now.isAfter(to)) {
      to = now;
    }
    double span = Math.max(1, Duration.between(from, to).toNanos());
    out.append("<div class=\"gantt scroll\" id=\"gantt\">");
    for (int i = 0; i < run.tasks().size(); i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      if (task.tries().isEmpty()) {
        continue;
      }
      String id = Html.text(task.taskId());
      out.append("<div class=\"row\" data-task-id=\"").append(id).append("\" data-state=\"")
          .append(task.state()).append("\"><span class=\"label\" title=\"").append(id).append("\">")
          .append(id).append("</span><span class=\"lane\">");
      for (RunModel.Try t : task.tries()) {
        Instant end = t.end() == null ? to : t.end();
        double left = Duration.between(from, t.start()).toNanos() / span * 100;
        double width = Duration.between(t.start(), end).toNanos() / span * 100;
        out.append("<a class=\"bar state-").append(t.state()).append("\" data-task-id=\"").append(id)
            .append("\" data-try=\"").append(t.number()).append("\" data-state=\"").append(t.state())
            .append("\" href=\"").append(Html.text(logHref(run, i, t.number(), report)))
            .append(String.format(java.util.Locale.ROOT, "\" style=\"left:%.3f%%;width:%.3f%%\"", left, width))
            .append(" title=\"").append(id).append(" try ").append(t.number()).append(": ")
            .append(t.state()).append(' ').append(Html.duration(t.duration())).append("\"></a>");
      }
      out.append("</span></div>");
    }
    out.append("</div>");
  }

  private static void tasks(StringBuilder out, RunModel run, boolean report, boolean clear) {
    out.append("<h2>Tasks</h2><table id=\"tasks\"><tr><th>task</th><th>state</th><th>tries</th><th>error</th>");
    if (clear) {
      out.append("<th></th>");
    }
    out.append("</tr>");
    for (int i = 0; i < run.tasks().size(); i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      String id = Html.text(task.taskId());
      out.append("<tr id=\"task-").append(i).append("\" class=\"task\" data-task-id=\"").append(id)
          .append("\" data-state=\"").append(task.state()).append("\"><td>").append(id)
          .append("</td><td><span class=\"badge state-").append(task.state()).append("\">")
          .append(task.state()).append("</span></td><td>");
      TaskError error = null;
      for (RunModel.Try t : task.tries()) {
        out.append("<a class=\"try badge state-").append(t.state()).append("\" data-task-id=\"")
            .append(id).append("\" data-try=\"").append(t.number()).append("\" data-state=\"")
            .append(t.state()).append("\" href=\"").append(Html.text(logHref(run, i, t.number(), report)))
            .append("\">try ").append(t.number()).append(": ").append(t.state());
        if (t.duration() != null) {
          out.append(' ').append(Html.duration(t.duration()));
        }
        out.append("</a> ");
        if (t.error() != null) {
          error = t.error();
        }
      }
      out.append("</td><td>");
      if (error != null) {
        out.append("<details><summary class=\"error-summary\">").append(Html.text(error.summary()))
            .append("</summary><pre>").append(Html.text(error.stackTrace())).append("</pre></details>");
      }
      out.append("</td>");
      if (clear) {
        out.append("<td><button type=\"submit\" form=\"clear-form\" name=\"task_id\" value=\"").append(id)
            .append("\" class=\"clear\">Clear</button></td>");
      }
      out.append("</tr>");
    }
    out.append("</table>");
  }

  private static String logHref(RunModel run, int task, int tryNumber, boolean report) {
    if (report) {
      return "#log-" + task + "-" + tryNumber;
    }
    return Html.path(
        "dags", run.dagId(), "runs", run.runId(), "tasks", run.tasks().get(task).taskId(), "tries",
        tryNumber, "log");
  }
}
