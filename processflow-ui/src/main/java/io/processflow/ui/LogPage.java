package io.processflow.ui;

/**
 * One try's log, escaped, its last {@link #MAX_BYTES} when it is longer. While the try has not
 * ended, the page follows it as the run page follows its run (ui.js): it asks for its live part
 * whenever the run or the log has changed, and stops once the try has ended.
 */
final class LogPage {
  /** The most of a log a page (or a report) shows: its end, where the error is. */
  static final int MAX_BYTES = 1 << 20;

  private LogPage() {}

  /** A try of a run's task, found by the task's id and the try's number as a request gave them. */
  record Target(int taskIndex, int tryNumber) {
    /**
     * The try {@code tryText} of task {@code taskId}: any try the task made, or its first before it
     * starts; null when there is no such task or try.
     */
    static Target find(RunModel run, String taskId, String tryText) {
      int index = -1;
      for (int i = 0; i < run.tasks().size(); i++) {
        if (run.tasks().get(i).taskId().equals(taskId)) {
          index = i;
        }
      }
      int tryNumber;
      try {
        tryNumber = Integer.parseInt(tryText);
      } catch (NumberFormatException e) {
        return null;
      }
      return index < 0 || tryNumber < 1 || tryNumber > Math.max(1, run.tasks().get(index).lastTry())
          ? null
          : new Target(index, tryNumber);
    }
  }

  /**
   * What changes whenever the run's log ({@code runVersion}) or the try's log text does (its tail
   * may keep its length while it moves on).
   */
  static String version(String runVersion, String log) {
    return runVersion + (log == null ? ":none" : ":" + log.length() + ":" + log.hashCode());
  }

  /** The page; live (see the class comment) while the try has not ended. */
  static String render(RunModel run, Target target, String log, String version) {
    RunModel.TaskRow task = run.tasks().get(target.taskIndex());
    String title = task.taskId() + " try " + target.tryNumber();
    String body =
        ended(run, target)
            ? null
            : "data-live=\""
                + Html.text(
                    Html.path(
                        "dags",
                        run.dagId(),
                        "runs",
                        run.runId(),
                        "tasks",
                        task.taskId(),
                        "tries",
                        Integer.toString(target.tryNumber()),
                        "log",
                        "live"))
                + "\" data-version=\""
                + Html.text(version)
                + "\"";
    Page page =
        Page.start(
            title,
            false,
            body,
            run.dagId(),
            Html.path("dags", run.dagId()),
            run.runId(),
            Html.path("dags", run.dagId(), "runs", run.runId()),
            title,
            null);
    StringBuilder out = page.builder().append("<div id=\"live\">");
    live(out, run, target, log);
    out.append("</div>");
    return page.end(false);
  }

  /** The part of the page a live poll replaces: the try's title and state, and its log. */
  static String live(RunModel run, Target target, String log) {
    StringBuilder out = new StringBuilder(log == null ? 256 : log.length() + 256);
    live(out, run, target, log);
    return out.toString();
  }

  private static void live(StringBuilder out, RunModel run, Target target, String log) {
    RunModel.TaskRow task = run.tasks().get(target.taskIndex());
    RunModel.Try found = tryOf(run, target);
    String state = found == null ? "none" : found.state().toString();
    out.append("<h1 id=\"log-title\" data-task-id=\"")
        .append(Html.text(task.taskId()))
        .append("\" data-try=\"")
        .append(target.tryNumber())
        .append("\" data-state=\"")
        .append(state)
        .append("\" data-ended=\"")
        .append(ended(run, target))
        .append("\">")
        .append(Html.text(task.taskId()))
        .append(", try ")
        .append(target.tryNumber())
        .append(": <span class=\"badge state-")
        .append(state)
        .append("\">")
        .append(state)
        .append("</span></h1>");
    if (log == null) {
      out.append("<p class=\"muted\" id=\"no-log\">")
          .append(
              Html.text(
                  run.noTaskLogs() ? RunModel.NO_TASK_LOGS : "No log was recorded for this try."))
          .append("</p>");
    } else {
      out.append("<pre class=\"log\" id=\"log\">").append(Html.text(log)).append("</pre>");
    }
  }

  /** Whether nothing more will happen to the try: it has an end, or the run ended without it. */
  private static boolean ended(RunModel run, Target target) {
    RunModel.Try found = tryOf(run, target);
    return run.ended() || (found != null && found.end() != null);
  }

  private static RunModel.Try tryOf(RunModel run, Target target) {
    for (RunModel.Try t : run.tasks().get(target.taskIndex()).tries()) {
      if (t.number() == target.tryNumber()) {
        return t;
      }
    }
    return null;
  }
}
