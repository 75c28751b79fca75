package io.processflow.runtime.time;

import io.processflow.api.TaskContext;

/**
 * A {@link TaskContext} that knows its run's timer: the runtime's own contexts are, so that
 * operators that wait (sensors, polling) follow the run's clock, the manual clock of a test
 * included. Not for direct use.
 */
public interface RunTimer {
  /** The timer of the run ({@code DagRunner.Builder.timer}). */
  TaskTimer runTimer();

  /** The timer of {@code context}'s run, or {@link TaskTimer#system()} for any other context. */
  static TaskTimer of(TaskContext context) {
    return context instanceof RunTimer run ? run.runTimer() : TaskTimer.system();
  }
}
