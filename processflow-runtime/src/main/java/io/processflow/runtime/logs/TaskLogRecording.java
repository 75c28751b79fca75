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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * A run's recording (its journal) that also keeps each try's log, in {@link TaskLogFiles}' layout.
 * It sees the task transitions the recording recorded, after it did, and writes what the run knows
 * about each try: its start, its error with the stack trace, whether it is retried (and when) or
 * failed, a timeout (its error), and its success; what the task itself logs comes through {@link
 * TaskLog}. A task that never ran (skipped, upstream_failed) has no log, as in Airflow.
 *
 * <p>When task bodies run elsewhere (a database's workers), a try's log is written by two
 * processes, each its own {@link Lines}: the worker writes the try's start and what the task logs,
 * the deciding process its end (the error, the retry or the failure), which only it knows.
 */
public final class TaskLogRecording implements RunRecorder.Recording, TryLogs {
  private static final String SOURCE = "processflow";

  /** Which of the run's lines about a try this recording writes. */
  public enum Lines {
    /** Every line: the try runs in this process, which also decides its end. */
    ALL,
    /** The start only: a worker's run of one try, whose end the deciding process writes. */
    START,
    /** Everything but the start: a deciding process whose tries run on workers. */
    END
  }

  private final RunRecorder.Recording recording;
  private final BiFunction<String, Integer, TryLogTarget> targets;
  private final Lines lines;
  private final DagDefinition dag;
  private final String runId;

  /** The run's logical date: Airflow's retry delay depends on it (see the retry line). */
  private final Instant logicalDate;

  /** Every try this run logged, by task id and try; a map lookup per task logger. */
  private final Map<String, TryLog> logs = new ConcurrentHashMap<>();

  private final TaskLogWriter writer;

  private TaskLogRecording(
      RunRecorder.Recording recording,
      BiFunction<String, Integer, TryLogTarget> targets,
      Lines lines,
      DagDefinition dag,
      String runId,
      Instant logicalDate) {
    this.recording = recording;
    this.targets = targets;
    this.lines = lines;
    this.dag = dag;
    this.runId = runId;
    this.logicalDate = logicalDate;
    this.writer = new TaskLogWriter("processflow-task-logs-" + runId);
  }

  /**
   * {@code recording}, also keeping the logs of run {@code runId}'s tries under {@code runDir} (see
   * {@link io.processflow.runtime.journal.Journals#runDir}). Creates nothing until a try starts.
   */
  public static RunRecorder.Recording wrap(
      RunRecorder.Recording recording,
      Path runDir,
      DagDefinition dag,
      String runId,
      Instant logicalDate) {
    return wrap(
        recording,
        (taskId, tryNumber) -> new TryLogFile(TaskLogFiles.file(runDir.resolve(taskId), tryNumber)),
        Lines.ALL,
        dag,
        runId,
        logicalDate);
  }

  /**
   * {@code recording}, also writing {@code lines} of run {@code runId}'s tries to the targets
   * {@code targets} gives by task id and try ({@code null} for a try whose log is not kept here).
   * {@code dag} is the DAG as declared: its retries and timeout are what the start line says.
   */
  public static RunRecorder.Recording wrap(
      RunRecorder.Recording recording,
      BiFunction<String, Integer, TryLogTarget> targets,
      Lines lines,
      DagDefinition dag,
      String runId,
      Instant logicalDate) {
    return new TaskLogRecording(recording, targets, lines, dag, runId, logicalDate);
  }

  /** A recording that records nothing but the logs: a worker's run of one try. */
  public static RunRecorder.Recording logsOnly(
      BiFunction<String, Integer, TryLogTarget> targets,
      Lines lines,
      DagDefinition dag,
      String runId,
      Instant logicalDate) {
    RunRecorder.Recording nothing =
        new RunRecorder.Recording() {
          @Override
          public Function<Dispatcher, Dispatcher> apply(MiddlewareApi<RunState> store) {
            return next -> next;
          }

          @Override
          public void close() {}
        };
    return wrap(nothing, targets, lines, dag, runId, logicalDate);
  }

  /** One try's log: lines handed to the run's writer for its target. */
  private record TryLog(TryLogTarget target, TaskLogWriter writer) implements Consumer<String> {
    @Override
    public void accept(String text) {
      writer.submit(target, text);
    }

    void end() {
      writer.submit(target, null);
    }
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
    return log(taskId, tryNumber);
  }

  /** The log of a try, or null when {@link #targets} keeps none for it. */
  private TryLog log(String taskId, int tryNumber) {
    TryLog log = logs.get(taskId + '/' + tryNumber);
    if (log != null) {
      return log;
    }
    TryLogTarget target = targets.apply(taskId, tryNumber);
    return target == null
        ? null
        : logs.computeIfAbsent(taskId + '/' + tryNumber, key -> new TryLog(target, writer));
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
    if (state == TaskState.RUNNING ? lines == Lines.END : lines == Lines.START) {
      return; // written by the other process
    }
    String taskId = update.taskId();
    TaskDefinition task = dag.task(taskId);
    TryLog file = log(taskId, update.tryNumber());
    if (file == null) {
      return;
    }
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
                + task.retryDelayAfter(dag.dagId(), logicalDate, update.tryNumber()),
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
      logs.values().forEach(log -> log.target().end());
    }
  }
}
