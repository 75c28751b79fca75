package io.processflow.ui;

/** One try's log, escaped, its last {@link #MAX_BYTES} when it is longer. */
final class LogPage {
  /** The most of a log a page (or a report) shows: its end, where the error is. */
  static final int MAX_BYTES = 1 << 20;

  private LogPage() {}

  static String render(RunModel run, int taskIndex, int tryNumber, String log) {
    RunModel.TaskRow task = run.tasks().get(taskIndex);
    Page page =
        Page.start(
            task.taskId() + " try " + tryNumber,
            false,
            null,
            run.dagId(),
            Html.path("dags", run.dagId()),
            run.runId(),
            Html.path("dags", run.dagId(), "runs", run.runId()),
            task.taskId() + " try " + tryNumber,
            null);
    StringBuilder out = page.builder();
    RunModel.Try found = null;
    for (RunModel.Try t : task.tries()) {
      if (t.number() == tryNumber) {
        found = t;
      }
    }
    String state = found == null ? "none" : found.state().toString();
    out.append("<h1 id=\"log-title\" data-task-id=\"")
        .append(Html.text(task.taskId()))
        .append("\" data-try=\"")
        .append(tryNumber)
        .append("\" data-state=\"")
        .append(state)
        .append("\">")
        .append(Html.text(task.taskId()))
        .append(", try ")
        .append(tryNumber)
        .append(": <span class=\"badge state-")
        .append(state)
        .append("\">")
        .append(state)
        .append("</span></h1>");
    if (log == null) {
      out.append("<p class=\"muted\" id=\"no-log\">No log was recorded for this try.</p>");
    } else {
      out.append("<pre class=\"log\" id=\"log\">").append(Html.text(log)).append("</pre>");
    }
    return page.end(false);
  }
}
