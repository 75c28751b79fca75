package io.processflow.ui;

import io.processflow.api.TaskError;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The page of one run: its params, then the part that follows the run live (its state, the Graph,
 * the Gantt and the tasks with their tries and log links), and, for a DAG on the classpath whose
 * run has ended, a button per task to clear it. The report is the same page made self-contained:
 * links to logs point into the file, where each try's log is written out.
 */
final class RunPage {
  private RunPage() {}

  /** How many tasks the Gantt and the task table of a served page show; the Graph shows all. */
  static final int PAGE_SIZE = 500;

  /**
   * The served page; {@code csrf} is the form token, {@code canClear} when the DAG is on the
   * classpath, {@code page} which {@link #PAGE_SIZE} tasks the Gantt and the table show.
   */
  static String served(
      RunModel run, String version, String csrf, boolean canClear, String notice, int page) {
    String livePath = Html.path("dags", run.dagId(), "runs", run.runId(), "live") + "?page=" + page;
    String body =
        (run.ended() ? "" : "data-live=\"" + Html.text(livePath) + "\" ")
            + "data-version=\""
            + Html.text(version)
            + "\"";
    Page html =
        Page.start(
            run.runId(),
            false,
            body,
            run.dagId(),
            Html.path("dags", run.dagId()),
            run.runId(),
            null);
    StringBuilder out = html.builder();
    if (notice != null) {
      out.append("<p class=\"error\" id=\"notice\">").append(Html.text(notice)).append("</p>");
    }
    head(out, run);
    boolean clear = canClear && run.ended();
    if (clear) {
      out.append("<form id=\"clear-form\" method=\"post\" action=\"")
          .append(Html.text(Html.path("dags", run.dagId(), "runs", run.runId(), "clear")))
          .append("\"><input type=\"hidden\" name=\"csrf\" value=\"")
          .append(Html.text(csrf))
          .append("\"></form>");
    }
    out.append("<div id=\"live\">");
    live(out, run, null, clear, page);
    out.append("</div>");
    return html.end(false);
  }

  /** The part of the page that follows the run, served alone while the run runs. */
  static String live(RunModel run, boolean canClear, int page) {
    StringBuilder out = new StringBuilder(8192);
    live(out, run, null, canClear && run.ended(), page);
    return out.toString();
  }

  /**
   * The self-contained report: {@code logs} gives each try's log text (or {@code null}); a try
   * without a log links to its task's row.
   */
  static String report(RunModel run, LogSource logs) {
    Map<String, String> texts = new java.util.HashMap<>();
    for (int i = 0; i < run.tasks().size(); i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      for (RunModel.Try t : task.tries()) {
        String log = logs.log(task.taskId(), t.number());
        if (log != null) {
          texts.put(i + "-" + t.number(), log);
        }
      }
    }
    Page page =
        Page.start(
            run.dagId() + " " + run.runId(), true, null, run.dagId(), null, run.runId(), null);
    StringBuilder out = page.builder();
    head(out, run);
    live(out, run, texts, false, -1);
    out.append("<h2>Logs</h2>");
    if (texts.isEmpty()) {
      out.append("<p class=\"muted\" id=\"no-logs\">")
          .append(
              Html.text(run.noTaskLogs() ? RunModel.NO_TASK_LOGS : "No try of this run has a log."))
          .append("</p>");
    }
    for (int i = 0; i < run.tasks().size(); i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      for (RunModel.Try t : task.tries()) {
        String log = texts.get(i + "-" + t.number());
        if (log == null) {
          continue;
        }
        out.append("<section class=\"log\" id=\"log-")
            .append(i)
            .append('-')
            .append(t.number())
            .append("\" data-task-id=\"")
            .append(Html.text(task.taskId()))
            .append("\" data-try=\"")
            .append(t.number())
            .append("\" data-state=\"")
            .append(t.state())
            .append("\"><h3>")
            .append(Html.text(task.taskId()))
            .append(", try ")
            .append(t.number())
            .append("</h3>")
            .append("<pre class=\"log\">")
            .append(Html.text(log))
            .append("</pre></section>");
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
    out.append("<h1>")
        .append(Html.text(run.dagId()))
        .append(" &middot; ")
        .append(Html.text(run.runId()))
        .append("</h1>");
    out.append("<table class=\"facts\"><tr><th>logical date</th><td>")
        .append(Html.text(run.logicalDate()))
        .append("</td></tr>");
    for (Map.Entry<String, Object> param : run.params().entrySet()) {
      out.append("<tr><th>param ")
          .append(Html.text(param.getKey()))
          .append("</th><td class=\"param\">")
          .append(Html.text(Values.text(param.getValue())))
          .append("</td></tr>");
    }
    out.append("</table>");
    for (String warning : run.warnings()) {
      out.append("<p class=\"warning\">").append(Html.text(warning)).append("</p>");
    }
  }

  /** {@code page} -1 shows every task (the report). */
  private static void live(
      StringBuilder out, RunModel run, Map<String, String> report, boolean clear, int page) {
    int n = run.tasks().size();
    int from =
        page < 0 ? 0 : Math.min(page * PAGE_SIZE, Math.max(0, n - 1) / PAGE_SIZE * PAGE_SIZE);
    int to = page < 0 ? n : Math.min(n, from + PAGE_SIZE);
    String state = run.state().toString().toLowerCase(Locale.ROOT);
    out.append("<p>Run <span id=\"run-state\" class=\"badge state-")
        .append(state)
        .append("\" data-state=\"")
        .append(state)
        .append("\">")
        .append(state)
        .append("</span>");
    if (run.start() != null) {
      out.append(" started ").append(Html.time(run.start())).append(" UTC");
    }
    if (run.end() != null) {
      out.append(", ended ")
          .append(Html.time(run.end()))
          .append(" UTC, took ")
          .append(
              Html.duration(
                  Duration.between(run.start() == null ? run.end() : run.start(), run.end())));
    }
    out.append("</p>");
    out.append("<h2>Graph</h2><div class=\"scroll\">");
    GraphSvg.append(
        out,
        run,
        i -> i >= from && i < to ? "#task-" + i : "?page=" + i / PAGE_SIZE + "#task-" + i);
    out.append("</div>");
    if (from > 0 || to < n) {
      pages(out, from, to, n);
    }
    gantt(out, run, report, from, to);
    tasks(out, run, report, clear, from, to);
    if (from > 0 || to < n) {
      pages(out, from, to, n);
    }
  }

  private static void pages(StringBuilder out, int from, int to, int n) {
    out.append("<p class=\"pages\">Tasks ")
        .append(from + 1)
        .append("&ndash;")
        .append(to)
        .append(" of ")
        .append(n)
        .append(':');
    for (int p = 0; p * PAGE_SIZE < n; p++) {
      if (p * PAGE_SIZE == from) {
        out.append(" <b>").append(p + 1).append("</b>");
      } else {
        out.append(" <a href=\"?page=").append(p).append("\">").append(p + 1).append("</a>");
      }
    }
    out.append("</p>");
  }

  private static void gantt(
      StringBuilder out, RunModel run, Map<String, String> report, int fromTask, int toTask) {
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
    if (to == null || now.isAfter(to)) {
      to = now; // a running run whose tasks wait (for a worker to claim them): no try yet
    }
    double span = Math.max(1, Duration.between(from, to).toNanos());
    out.append("<div class=\"gantt scroll\" id=\"gantt\">");
    for (int i = fromTask; i < toTask; i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      if (task.tries().isEmpty()) {
        continue;
      }
      String id = Html.text(task.taskId());
      out.append("<div class=\"row\" data-task-id=\"")
          .append(id)
          .append("\" data-state=\"")
          .append(task.state())
          .append("\"><span class=\"label\" title=\"")
          .append(id)
          .append("\">")
          .append(id)
          .append("</span><span class=\"lane\">");
      for (RunModel.Try t : task.tries()) {
        Instant end = t.end() == null ? to : t.end();
        double left = Duration.between(from, t.start()).toNanos() / span * 100;
        double width = Duration.between(t.start(), end).toNanos() / span * 100;
        tryLink(out, "bar", id, t, logHref(run, i, t.number(), report))
            .append(String.format(Locale.ROOT, " style=\"left:%.3f%%;width:%.3f%%\"", left, width))
            .append(" title=\"")
            .append(id)
            .append(" try ")
            .append(t.number())
            .append(": ")
            .append(t.state())
            .append(' ')
            .append(Html.duration(t.duration()))
            .append("\"></a>");
      }
      out.append("</span></div>");
    }
    out.append("</div>");
  }

  /**
   * Opens the link to try {@code t}'s log, of class {@code classes} and the try's state, with its
   * task's (escaped) {@code id}, number and state as data, up to its closing {@code >}.
   */
  private static StringBuilder tryLink(
      StringBuilder out, String classes, String id, RunModel.Try t, String href) {
    return out.append("<a class=\"")
        .append(classes)
        .append(" state-")
        .append(t.state())
        .append("\" data-task-id=\"")
        .append(id)
        .append("\" data-try=\"")
        .append(t.number())
        .append("\" data-state=\"")
        .append(t.state())
        .append("\" href=\"")
        .append(Html.text(href))
        .append('"');
  }

  private static void tasks(
      StringBuilder out,
      RunModel run,
      Map<String, String> report,
      boolean clear,
      int from,
      int to) {
    out.append(
        "<h2>Tasks</h2><table id=\"tasks\"><tr><th>task</th><th>state</th><th>tries</th><th>error</th>");
    if (clear) {
      out.append("<th></th>");
    }
    out.append("</tr>");
    for (int i = from; i < to; i++) {
      RunModel.TaskRow task = run.tasks().get(i);
      String id = Html.text(task.taskId());
      out.append("<tr id=\"task-")
          .append(i)
          .append("\" class=\"task\" data-task-id=\"")
          .append(id)
          .append("\" data-state=\"")
          .append(task.state())
          .append("\"><td>")
          .append(id)
          .append("</td><td><span class=\"badge state-")
          .append(task.state())
          .append("\">")
          .append(task.state())
          .append("</span></td><td>");
      TaskError error = null;
      for (RunModel.Try t : task.tries()) {
        tryLink(out, "try badge", id, t, logHref(run, i, t.number(), report))
            .append(">try ")
            .append(t.number())
            .append(": ")
            .append(t.state());
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
        out.append("<details><summary class=\"error-summary\">")
            .append(Html.text(error.summary()))
            .append("</summary><pre>")
            .append(Html.text(error.stackTrace()))
            .append("</pre></details>");
      }
      out.append("</td>");
      if (clear) {
        out.append("<td><button type=\"submit\" form=\"clear-form\" name=\"task_id\" value=\"")
            .append(id)
            .append("\" class=\"clear\">Clear</button></td>");
      }
      out.append("</tr>");
    }
    out.append("</table>");
  }

  /** A try's log: its page, or in a report its section (its task's row when it has no log). */
  private static String logHref(RunModel run, int task, int tryNumber, Map<String, String> report) {
    if (report != null) {
      return report.containsKey(task + "-" + tryNumber)
          ? "#log-" + task + "-" + tryNumber
          : "#task-" + task;
    }
    return Html.path(
        "dags",
        run.dagId(),
        "runs",
        run.runId(),
        "tasks",
        run.tasks().get(task).taskId(),
        "tries",
        tryNumber,
        "log");
  }
}
