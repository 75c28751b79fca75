package io.processflow.runtime.execution;

import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.internal.dag.DagIndex;
import io.processflow.runtime.internal.text.TextTable;
import io.processflow.runtime.internal.text.TextTable.Align;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiFunction;

/**
 * The text of a run's summary, readable without any logging backend and at any size: per-state
 * counts first, then each failed task with its error and where it was thrown, then the task table
 * (for a large run only the ids of tasks in each other state, a few of each), then one line naming
 * the run's outcome and its failures.
 */
final class SummaryText {
  /** A run with more tasks than this gets id lists instead of the whole table, unless asked. */
  static final int TABLE_LIMIT = 50;

  /** How many failed tasks are shown with their errors. */
  static final int FAILURES_SHOWN = 20;

  /** How many ids of each other state a large run's summary names. */
  static final int IDS_SHOWN = 10;

  /** How many failed tasks the last line names. */
  private static final int FAILURES_NAMED = 3;

  /** How many lines of an error's message are shown. */
  private static final int MESSAGE_LINES = 20;

  private SummaryText() {}

  static String summary(RunState state, DagDefinition dag, Duration duration, boolean fullTable) {
    return summary(state, dag, duration, fullTable, null);
  }

  /** With {@code logOf} non-null, each failed task shown names its last try's log. */
  static String summary(
      RunState state,
      DagDefinition dag,
      Duration duration,
      boolean fullTable,
      BiFunction<String, Integer, Path> logOf) {
    List<TaskInstance> tasks = state.tasks();
    Map<TaskState, List<TaskInstance>> byState = new EnumMap<>(TaskState.class);
    for (TaskInstance task : tasks) {
      byState.computeIfAbsent(task.state(), s -> new ArrayList<>()).add(task);
    }
    StringBuilder text = new StringBuilder();
    text.append(counts(tasks.size(), byState)).append('\n');
    List<TaskInstance> failed = byState.getOrDefault(TaskState.FAILED, List.of());
    if (!failed.isEmpty()) {
      text.append("failed (").append(failed.size()).append("):\n");
      for (int k = 0; k < Math.min(failed.size(), FAILURES_SHOWN); k++) {
        failure(text, failed.get(k), blocked(dag, tasks, failed.get(k).taskId()));
        log(text, failed.get(k), logOf);
      }
      if (failed.size() > FAILURES_SHOWN) {
        text.append("  ... and ")
            .append(failed.size() - FAILURES_SHOWN)
            .append(" more failed tasks\n");
      }
    }
    if (fullTable || tasks.size() <= TABLE_LIMIT) {
      table(text, tasks);
    } else {
      for (Map.Entry<TaskState, List<TaskInstance>> entry : byState.entrySet()) {
        TaskState s = entry.getKey();
        if (s != TaskState.SUCCESS && s != TaskState.FAILED) {
          ids(text, s, entry.getValue());
        }
      }
      text.append("(").append(tasks.size()).append(" tasks; --full-summary lists every one)\n");
    }
    text.append(lastLine(state, duration, failed)).append('\n');
    return text.toString();
  }

  /** {@code 206 tasks: 80 success, 4 failed, 121 upstream_failed, 1 skipped}. */
  static String counts(int total, Map<TaskState, List<TaskInstance>> byState) {
    StringJoiner counts = new StringJoiner(", ", total + (total == 1 ? " task: " : " tasks: "), "");
    counts.setEmptyValue(total + " tasks");
    byState.forEach((s, list) -> counts.add(list.size() + " " + s));
    return counts.toString();
  }

  /**
   * How many tasks downstream of {@code taskId} are upstream_failed through it: those reached from
   * it along edges into upstream_failed tasks. Linear in the tasks and edges it reaches.
   */
  static int blocked(DagDefinition dag, List<TaskInstance> tasks, String taskId) {
    DagIndex byIndex = dag == null ? null : DagIndex.of(dag);
    Integer start = byIndex == null ? null : byIndex.taskIndex().get(taskId);
    if (start == null) {
      return 0;
    }
    boolean[] seen = new boolean[dag.taskCount()];
    int[] stack = new int[dag.taskCount()];
    int size = 0;
    int count = 0;
    stack[size++] = start;
    while (size > 0) {
      int i = stack[--size];
      for (int k = 0, m = byIndex.downstreamCount(i); k < m; k++) {
        int d = byIndex.downstream(i, k);
        if (!seen[d] && tasks.get(d).state() == TaskState.UPSTREAM_FAILED) {
          seen[d] = true;
          count++;
          stack[size++] = d;
        }
      }
    }
    return count;
  }

  private static void failure(StringBuilder text, TaskInstance task, int blocked) {
    TaskError error = task.error();
    text.append("  ").append(task.taskId());
    if (error == null) {
      text.append(" (no error recorded)\n");
      return;
    }
    String[] message = error.message() == null ? new String[0] : error.message().split("\\R");
    text.append(": ").append(error.type());
    if (message.length > 0) {
      text.append(": ").append(message[0]);
    }
    text.append('\n');
    for (int k = 1; k < Math.min(message.length, MESSAGE_LINES); k++) {
      text.append("      ").append(message[k]).append('\n');
    }
    if (message.length > MESSAGE_LINES) {
      text.append("      ... (").append(message.length - MESSAGE_LINES).append(" more lines)\n");
    }
    String origin = ErrorOrigin.of(error);
    text.append("      ");
    if (origin != null) {
      text.append("at ").append(origin).append(", ");
    }
    text.append(task.tryNumber() == 1 ? "1 try" : task.tryNumber() + " tries");
    if (blocked > 0) {
      text.append("; ")
          .append(blocked)
          .append(blocked == 1 ? " task" : " tasks")
          .append(" downstream upstream_failed");
    }
    text.append('\n');
  }

  /** {@code log: <path>} of the task's last try, when it has one. */
  private static void log(
      StringBuilder text, TaskInstance task, BiFunction<String, Integer, Path> logOf) {
    Path log =
        logOf == null || task.tryNumber() < 1 ? null : logOf.apply(task.taskId(), task.tryNumber());
    if (log != null && Files.isRegularFile(log)) {
      text.append("      log: ").append(log).append('\n');
    }
  }

  private static void ids(StringBuilder text, TaskState state, List<TaskInstance> tasks) {
    StringJoiner ids = new StringJoiner(", ", state + " (" + tasks.size() + "): ", "");
    for (int k = 0; k < Math.min(tasks.size(), IDS_SHOWN); k++) {
      ids.add(tasks.get(k).taskId());
    }
    text.append(ids);
    if (tasks.size() > IDS_SHOWN) {
      text.append(" ... and ").append(tasks.size() - IDS_SHOWN).append(" more");
    }
    text.append('\n');
  }

  /** The table of every task: id, state, tries and duration, between two rules. */
  static void table(StringBuilder text, List<TaskInstance> tasks) {
    TextTable table =
        new TextTable()
            .column("task")
            .column("state", 15, Align.LEFT)
            .column("tries", 5, Align.RIGHT)
            .column("duration", 10, Align.RIGHT)
            .rule();
    for (TaskInstance task : tasks) {
      table.row(task.taskId(), task.state(), task.tryNumber(), seconds(task.duration()));
    }
    text.append(table.rule());
  }

  /**
   * {@code dag etl, run r1: failed in 0.119s; failed: load (IOException: disk full)}: the outcome,
   * and the first failed tasks with their errors.
   */
  static String lastLine(RunState state, Duration duration, List<TaskInstance> failed) {
    String line =
        String.format(
            Locale.ROOT,
            "dag %s, run %s: %s in %s",
            state.dagId(),
            state.runId(),
            state.state(),
            seconds(duration));
    if (failed.isEmpty()) {
      return line;
    }
    StringJoiner named = new StringJoiner(", ", line + "; failed: ", "");
    for (int k = 0; k < Math.min(failed.size(), FAILURES_NAMED); k++) {
      TaskInstance task = failed.get(k);
      named.add(
          task.taskId()
              + (task.error() == null ? "" : " (" + ErrorOrigin.shortError(task.error()) + ")"));
    }
    String text = named.toString();
    return failed.size() > FAILURES_NAMED
        ? text + " and " + (failed.size() - FAILURES_NAMED) + " more"
        : text;
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3fs", duration.toNanos() / 1e9);
  }
}
