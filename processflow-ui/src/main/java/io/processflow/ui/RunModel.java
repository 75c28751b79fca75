package io.processflow.ui;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run as the views show it, read from its journal: its tasks in declaration order, each with
 * its state and its tries, and the graph's layers.
 *
 * @param dagId the DAG
 * @param runId the run
 * @param logicalDate the run's logical date
 * @param params the run's params
 * @param state the run's last recorded state
 * @param start when it first started running, or {@code null}
 * @param end when it last ended, or {@code null} while it runs
 * @param tasks every task, in declaration order
 * @param layers each task's layer in the graph (0 for a task without upstream), by task index
 * @param upstream each task's upstream task indexes, by task index
 * @param warnings what the journal reader ignored, such as a torn last line
 * @param noTaskLogs true when the run, or a resume of it, kept no try logs ({@code --no-task-logs})
 */
record RunModel(
    String dagId,
    String runId,
    Instant logicalDate,
    Map<String, Object> params,
    DagRunState state,
    Instant start,
    Instant end,
    List<TaskRow> tasks,
    int[] layers,
    int[][] upstream,
    List<String> warnings,
    boolean noTaskLogs) {

  /** Why a try of a run with {@link #noTaskLogs} has no log, as the pages say it. */
  static final String NO_TASK_LOGS =
      "This run kept no task logs (it was started with --no-task-logs).";

  /** True when the run has ended: the page stops following it. */
  boolean ended() {
    return state == DagRunState.SUCCESS || state == DagRunState.FAILED;
  }

  /** The task {@code taskId}, or {@code null}. */
  TaskRow task(String taskId) {
    for (TaskRow task : tasks) {
      if (task.taskId().equals(taskId)) {
        return task;
      }
    }
    return null;
  }

  /**
   * One task of the run.
   *
   * @param taskId the task
   * @param state its last recorded state ({@code none} when it has none)
   * @param tries its tries, first try first
   */
  record TaskRow(String taskId, TaskState state, List<Try> tries) {
    /** Its last try's number, 0 when it never ran. */
    int lastTry() {
      return tries.isEmpty() ? 0 : tries.get(tries.size() - 1).number();
    }
  }

  /**
   * One try of a task.
   *
   * @param number the try number, from 1
   * @param state how it ended ({@code running} while it runs)
   * @param start when it started running
   * @param end when it ended, or {@code null} while it runs (or when the run stopped under it)
   * @param error why it failed, or {@code null}
   */
  record Try(int number, TaskState state, Instant start, Instant end, TaskError error) {
    /** How long it ran, or {@code null} when it has not ended. */
    Duration duration() {
      return end == null ? null : Duration.between(start, end);
    }
  }
}
