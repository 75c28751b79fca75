package io.processflow.runtime.execution;

import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import java.time.Instant;

/**
 * What a run's state holds for one task, as cheaply as it can: the last {@link TaskStatusUpdate}
 * itself for most transitions, a {@link Ran} for the end of a try (which also needs when the try
 * started), the task's id before its first transition, or a {@link TaskInstance} set directly.
 * {@link #instance} builds the {@link TaskInstance} on read. This saves a TaskInstance per
 * transition, the largest allocation of a run (RuntimeBench, bytes per task).
 */
final class TaskSlot {
  private TaskSlot() {}

  /** The end of a try: its last update and when the try started running (null if unknown). */
  record Ran(TaskStatusUpdate update, Instant startDate) {}

  /** The slot after {@code update}, given the slot before it. */
  static Object next(Object before, TaskStatusUpdate update) {
    return switch (update.state()) {
      case SUCCESS, FAILED, UP_FOR_RETRY ->
          new Ran(update, runningSince(before, update.tryNumber()));
      default -> update;
    };
  }

  private static Instant runningSince(Object before, int tryNumber) {
    return before instanceof TaskStatusUpdate running
            && running.state() == TaskState.RUNNING
            && running.tryNumber() == tryNumber
        ? running.timestamp()
        : null;
  }

  /** The task instance a slot stands for. */
  static TaskInstance instance(Object slot) {
    if (slot instanceof String taskId) {
      return TaskInstance.initial(taskId);
    }
    if (slot instanceof TaskInstance instance) {
      return instance;
    }
    if (slot instanceof Ran ran) {
      TaskStatusUpdate u = ran.update();
      return new TaskInstance(
          u.taskId(),
          u.state(),
          u.tryNumber(),
          ran.startDate(),
          u.timestamp(),
          u.error(),
          u.output());
    }
    TaskStatusUpdate u = (TaskStatusUpdate) slot;
    Instant start = u.state() == TaskState.RUNNING ? u.timestamp() : null;
    Instant end = u.state().isTerminal() ? u.timestamp() : null;
    return new TaskInstance(
        u.taskId(), u.state(), u.tryNumber(), start, end, u.error(), u.output());
  }

  /** The task's output, without building a TaskInstance. */
  static Object output(Object slot) {
    if (slot instanceof String) {
      return null;
    }
    if (slot instanceof TaskInstance instance) {
      return instance.output();
    }
    return (slot instanceof Ran ran ? ran.update() : (TaskStatusUpdate) slot).output();
  }
}
