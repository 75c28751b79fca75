package io.processflow.runtime.logs;

import io.processflow.api.TaskContext;
import io.processflow.runtime.execution.TryLogs;
import io.processflow.runtime.time.RunTimer;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger of a running try: an SLF4J {@link Logger} whose lines go to the try's own log file
 * (when the run is journaled, see {@link TaskLogFiles}) and to the logging backend the application
 * has, as any SLF4J logger's do; with no backend, only to the file.
 *
 * <pre>{@code
 * @Task
 * String extract(TaskContext context) {
 *   Logger log = TaskLog.of(context);
 *   log.info("reading {}", path);
 *   ...
 * }
 * }</pre>
 *
 * <p>Why a logger from the context, and not the lines of every SLF4J logger the task's thread uses:
 * SLF4J binds one backend per JVM, chosen by the application; a library that installed its own
 * provider to see every call would take that choice away (and a task body may hand work to other
 * threads, or complete later on another one, as BashOperator does). So the file holds what goes
 * through this logger (the operators' output included) and what the run records about the try;
 * other SLF4J loggers go to the backend only.
 *
 * <p>The file keeps INFO, WARN and ERROR always, whatever the backend's levels; DEBUG and TRACE
 * when the backend has them enabled for the delegate logger.
 */
public final class TaskLog {
  private TaskLog() {}

  /**
   * The logger of the try {@code context} runs, named {@code
   * io.processflow.task.<dag_id>.<task_id>} for the backend (so its levels can be set per DAG or
   * task).
   */
  public static Logger of(TaskContext context) {
    return of(
        context,
        LoggerFactory.getLogger("io.processflow.task." + context.dagId() + "." + context.taskId()),
        "task");
  }

  /**
   * The logger of the try {@code context} runs, handing its lines to {@code delegate}: how an
   * operator keeps its console output as it was and also writes it to the try's log.
   */
  public static Logger of(TaskContext context, Logger delegate) {
    String name = delegate.getName();
    return of(context, delegate, name.substring(name.lastIndexOf('.') + 1));
  }

  private static Logger of(TaskContext context, Logger delegate, String source) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(delegate, "delegate");
    Consumer<String> file = TryLogs.of(context);
    return file == null ? delegate : new TryLogger(delegate, file, RunTimer.of(context), source);
  }
}
