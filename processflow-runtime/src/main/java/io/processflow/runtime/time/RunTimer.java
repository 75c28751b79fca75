package io.processflow.runtime.time;

import io.processflow.api.TaskContext;
import java.util.function.Supplier;

/**
 * A {@link TaskContext} that gives operators the run's time and timeout: the runtime's own contexts
 * are. Operators that wait (sensors, polling) follow the run's timer, the manual clock of a test
 * included, instead of a timer of their own; and the task's {@code executionTimeout} stays the
 * engine's alone, while an operator may add what its try was doing to the timeout's error (the end
 * of a command's stderr). Not for direct use: operators call the static methods.
 */
public interface RunTimer {
  /** The timer of the run ({@code DagRunner.Builder.timer}). */
  TaskTimer runTimer();

  /**
   * Sets what this try's {@code executionTimeout} error adds to its message, after {@code "; "}:
   * {@code detail} is called once, when the timeout fires and before the try is cancelled, on the
   * timer's thread and outside the run's lock; it should return quickly. A {@code null} or empty
   * result adds nothing. A later call replaces an earlier one.
   */
  void onTimeout(Supplier<String> detail);

  /** The timer of {@code context}'s run, or {@link TaskTimer#system()} for any other context. */
  static TaskTimer of(TaskContext context) {
    return context instanceof RunTimer run ? run.runTimer() : TaskTimer.system();
  }

  /**
   * Sets what {@code context}'s timeout error adds (see {@link #onTimeout(Supplier)}); does nothing
   * for a context that is not a run's (it has no timeout).
   */
  static void onTimeout(TaskContext context, Supplier<String> detail) {
    if (context instanceof RunTimer run) {
      run.onTimeout(detail);
    }
  }
}
