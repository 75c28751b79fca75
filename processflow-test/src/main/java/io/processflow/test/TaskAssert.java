package io.processflow.test;

import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one task of a run; a failure shows the task's error and the run's summary. */
public final class TaskAssert extends AbstractAssert<TaskAssert, TaskRun> {
  private final DagRunAssert run;

  TaskAssert(TaskRun actual, DagRunAssert run) {
    super(actual, TaskAssert.class);
    this.run = run;
  }

  public TaskAssert succeeded() {
    return hasState(TaskState.SUCCESS);
  }

  public TaskAssert failed() {
    return hasState(TaskState.FAILED);
  }

  public TaskAssert wasSkipped() {
    return hasState(TaskState.SKIPPED);
  }

  public TaskAssert isUpstreamFailed() {
    return hasState(TaskState.UPSTREAM_FAILED);
  }

  public TaskAssert hasState(TaskState expected) {
    isNotNull();
    if (actual.state() != expected) {
      failWithMessage(
          "Expected task '%s' to be %s, but it was %s%s%n%s",
          actual.taskId(), expected, actual.state(), errorText(), actual.run().summary());
    }
    return this;
  }

  /** Its output equals {@code expected}. */
  public TaskAssert hasOutput(Object expected) {
    isNotNull();
    Object output = actual.output();
    if (!Objects.equals(output, expected)) {
      failWithMessage(
          "Expected task '%s' to output%n  %s%nbut it output%n  %s%s",
          actual.taskId(), describe(expected), describe(output), errorText());
    }
    return this;
  }

  /** It has no output. */
  public TaskAssert hasNoOutput() {
    return hasOutput(null);
  }

  /** Its output, cast to {@code T}, passes {@code requirements} (AssertJ assertions). */
  @SuppressWarnings("unchecked")
  public <T> TaskAssert hasOutputSatisfying(Consumer<T> requirements) {
    isNotNull();
    requirements.accept((T) actual.output());
    return this;
  }

  /** It failed with an exception of {@code type} whose message contains {@code messagePart}. */
  public TaskAssert failedWith(Class<? extends Throwable> type, String messagePart) {
    failed();
    TaskError error = actual.error();
    if (error == null
        || !error.type().equals(type.getName())
        || error.message() == null
        || !error.message().contains(messagePart)) {
      failWithMessage(
          "Expected task '%s' to fail with %s containing \"%s\", but its error was %s",
          actual.taskId(), type.getName(), messagePart, error == null ? "none" : error.summary());
    }
    return this;
  }

  /** It started running exactly {@code expected} times. */
  public TaskAssert hasTries(int expected) {
    isNotNull();
    if (actual.tries() != expected) {
      failWithMessage(
          "Expected task '%s' to have run %d time(s), but it ran %d time(s)%s",
          actual.taskId(), expected, actual.tries(), errorText());
    }
    return this;
  }

  /** Back to the run's assertions, to assert on another task. */
  public DagRunAssert and() {
    if (run == null) {
      throw new IllegalStateException("this task was run alone: there is no run to go back to");
    }
    return run;
  }

  private String errorText() {
    TaskError error = actual.error();
    return error == null
        ? ""
        : String.format(
            "%nits error: %s", error.stackTrace() != null ? error.stackTrace() : error.summary());
  }

  private static String describe(Object value) {
    return value == null ? "null (no output)" : value + " (" + value.getClass().getName() + ")";
  }
}
