package io.processflow.ui;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

  /**
   * The text of {@code file}, its last {@link #MAX_BYTES} when longer, or {@code null} when absent.
   */
  static String read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - MAX_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return from == 0 ? text : "[... the first " + from + " bytes are left out ...]\n" + text;
    } catch (IOException e) {
      return "[the log cannot be read: " + e.getMessage() + "]";
    }
  }
}
