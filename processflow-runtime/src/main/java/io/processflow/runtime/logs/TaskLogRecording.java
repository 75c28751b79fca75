package io.processflow.runtime.logs;

import io.processflow.api.RunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.MiddlewareApi;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.execution.TryLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * A run's recording (its journal) that also keeps each try's log, in {@link TaskLogFiles}' layout.
 * It sees the task transitions the recording recorded, after it did, and writes what the run knows
 * about each try: its start, its error with the stack trace, whether it is retried (and when) or
 * failed, a timeout (its error), and its success; what the task itself logs comes through {@link
 * TaskLog}. A task that never ran (skipped, upstream_failed) has no log, as in Airflow.
 */
public final class TaskLogRecording implements RunRecorder.Recording, TryLogs {
  private static final String SOURCE = "processflow";

  private final RunRecorder.Recording recording;
  private final Path runDir;
  private final DagDefinition dag;
  private final String runId;

  /** Every try this run logged, by task id and try; a map lookup per task logger. */
  private final Map<String, TryLogFile> files = new ConcurrentHashMap<>();

  private final TaskLogWriter writer;

  private TaskLogRecording(
      RunRecorder.Recording recording, Path runDir, DagDefinition dag, String runId) {
    this.recording = recording;
    this.runDir = runDir;
    this.dag = dag;
    this.runId = runId;
    this.writer = new TaskLogWriter("processflow-task-logs-" + runId);
  }

  /**
   * {@code recording}, also keeping the logs of run {@code runId}'s tries under {@code runDir} (see
   * {@link io.processflow.runtime.journal.Journals#runDir}). Creates nothing until a try starts.
   */
  public static RunRecorder.Recording wrap(
      RunRecorder.Recording recording, Path runDir, DagDefinition dag, String runId) {
    return new TaskLogRecording(recording, runDir, dag, runId);
  }

  @Override
  public Function<Dispatcher, Dispatcher> apply(MiddlewareApi<RunState> store) {
    Function<Dispatcher, Dispatcher> recorded = recording.apply(store);
    return next -> {
      Dispatcher inner = recorded.apply(next);
      return action -> {
        Action result = inner.dispatch(action);
        if (action instanceof TaskStatusUpdate update) {
          logTransition(update);
        }
        return result;
      };
    };
  }

  @Override
  public TryLogs tryLogs() {
    return this;
  }

  @Override
  public Consumer<String> open(String taskId, int tryNumber) {
    return file(taskId, tryNumber);
  }

  private TryLogFile file(String taskId, int tryNumber) {
    return files.computeIfAbsent(
        taskId + '/' + tryNumber,
        key -> new TryLogFile(TaskLogFiles.file(runDir.resolve(taskId), tryNumber), writer));
  }

  private void logTransition(TaskStatusUpdate update) {
    TaskState state = update.state();
    if (update.tryNumber() < 1
        || (state != TaskState.RUNNING
            && state != TaskState.SUCCESS
            && state != TaskState.UP_FOR_RETRY
            && state != TaskState.FAILED)) {
      return; // no try ran: a task waiting, skipped, upstream_failed, reset or removed
    }
    String taskId = update.taskId();
    TaskDefinition task = dag.task(taskId);
    TryLogFile file = file(taskId, update.tryNumber());
    StringBuilder text = new StringBuilder();
    String ids =
        "dag_id="
            + dag.dagId()
            + ", task_id="
            + taskId
            + ", run_id="
            + runId
            + ", try_number="
            + update.tryNumber();
    switch (state) {
      case RUNNING -> {
        Duration timeout = task.executionTimeout();
        line(
            text,
            update,
            Level.INFO,
            "Starting attempt "
                + update.tryNumber()
                + " of task "
                + taskId
                + " ("
                + ids
                + "; retries="
                + task.retries()
                + (timeout == null ? "" : ", execution_timeout=" + timeout)
                + ")",
            null);
      }
      case SUCCESS -> line(text, update, Level.INFO, "Marking task as SUCCESS. " + ids, null);
      case UP_FOR_RETRY -> {
        failure(text, update);
        line(
            text,
            update,
            Level.INFO,
            "Marking task as UP_FOR_RETRY. "
                + ids
                + "; retrying in "
                + task.retryDelayAfter(update.tryNumber()),
            null);
      }
      default -> {
        failure(text, update);
        line(
            text,
            update,
            Level.ERROR,
            "Marking task as FAILED. " + ids + (task.allowToFail() ? " (allowed to fail)" : ""),
            null);
      }
    }
    file.accept(text.toString());
    if (state != TaskState.RUNNING) {
      file.end();
    }
  }

  private static void failure(StringBuilder text, TaskStatusUpdate update) {
    TaskError error = update.error();
    if (error == null) {
      line(text, update, Level.ERROR, "Task failed (no error recorded)", null);
    } else {
      String trace = error.stackTrace() != null ? error.stackTrace() : error.summary();
      line(text, update, Level.ERROR, "Task failed with exception", trace);
    }
  }

  private static void line(
      StringBuilder text, TaskStatusUpdate update, Level level, String message, String trace) {
    text.append(LogLines.entry(update.timestamp(), level, SOURCE, message, trace));
  }

  /**
   * Closes the recording, writes the lines still queued, then closes any try log still open (a run
   * aborted with tries running).
   */
  @Override
  public void close() {
    try {
      recording.close();
    } finally {
      writer.close();
      files.values().forEach(TryLogFile::endNow);
    }
  }
}
