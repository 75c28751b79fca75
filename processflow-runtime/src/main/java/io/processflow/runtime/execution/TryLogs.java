package io.processflow.runtime.execution;

import io.processflow.api.TaskContext;
import java.util.function.Consumer;

/**
 * Where the tries of one run keep their own logs (see {@link RunRecorder.Recording#tryLogs()}): the
 * runner hands it to the run, and each try's {@link TaskContext} finds its log through {@link
 * #of(TaskContext)}. What writes the lines (a task's logger, an operator's captured output) lives
 * outside the engine; the engine only says which try is running.
 */
@FunctionalInterface
public interface TryLogs {
  /** A run that keeps no logs of its tries. */
  TryLogs NONE = (taskId, tryNumber) -> null;

  /**
   * The log of try {@code tryNumber} of task {@code taskId}: each string it accepts is one or more
   * whole lines, ending with a line break, appended as they are. {@code null} when the run keeps no
   * logs. Safe to call and to write from any thread, also after the try has ended.
   */
  Consumer<String> open(String taskId, int tryNumber);

  /** The log of the try that {@code context} runs, or {@code null} when it keeps none. */
  static Consumer<String> of(TaskContext context) {
    return context instanceof DefaultTaskContext task ? task.tryLog() : null;
  }
}
