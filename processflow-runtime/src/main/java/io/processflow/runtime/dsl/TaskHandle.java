package io.processflow.runtime.dsl;

import io.processflow.api.Operator;
import io.processflow.api.TriggerRule;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;

/**
 * A task being declared in a {@link DagBuilder}: set its options and wire it. Airflow's {@code a >>
 * b} is {@code a.then(b)}, {@code a >> [b, c]} is {@code a.then(b, c)}, and {@code [b, c] >> d} is
 * {@code TaskList.of(b, c).then(d)}.
 */
public final class TaskHandle {
  /*
   * The declaration itself: a 100,000-task DAG is 100,000 handles, so a handle is 32 bytes. Its id
   * is read from the builder's id array, options (the output type among them) are made on the first
   * one set, and a task without any shares the DAG's resolved defaults (RuntimeBench, end to end).
   */
  private final DagBuilder builder;
  private final int index;
  private final Operator operator;
  private final TaskKind kind;
  private TaskOptions options;

  TaskHandle(DagBuilder builder, int index, Operator operator, TaskKind kind) {
    this.builder = builder;
    this.index = index;
    this.operator = operator;
    this.kind = kind;
  }

  public String taskId() {
    return builder.taskId(index);
  }

  /** Its position in the builder's declaration order. */
  int index() {
    return index;
  }

  /** Lets this task fail without failing its downstream tasks or the run (the original's flag). */
  public TaskHandle allowToFail() {
    return allowToFail(true);
  }

  /** Sets whether this task may fail without failing its downstream tasks or the run. */
  public TaskHandle allowToFail(boolean allow) {
    options().allowToFail(allow);
    return this;
  }

  /** How many times this task is tried again after a failure (Airflow's {@code retries}). */
  public TaskHandle retries(int retries) {
    options().retries(retries);
    return this;
  }

  /** The wait before a retry (Airflow's {@code retry_delay}, default 5 minutes). */
  public TaskHandle retryDelay(Duration delay) {
    options().retryDelay(delay);
    return this;
  }

  /**
   * Doubles the retry delay after each failed try (Airflow's {@code retry_exponential_backoff}).
   */
  public TaskHandle retryExponentialBackoff(boolean exponential) {
    options().retryExponentialBackoff(exponential);
    return this;
  }

  /** The longest retry delay (Airflow's {@code max_retry_delay}). */
  public TaskHandle maxRetryDelay(Duration max) {
    options().maxRetryDelay(max);
    return this;
  }

  /** Cancels and fails a try that runs longer (Airflow's {@code execution_timeout}). */
  public TaskHandle executionTimeout(Duration timeout) {
    options().executionTimeout(timeout);
    return this;
  }

  /** When this task may run given its upstream tasks' states (Airflow's {@code trigger_rule}). */
  public TaskHandle triggerRule(TriggerRule rule) {
    options().triggerRule(rule);
    return this;
  }

  /**
   * The queue this task's tries go to when task bodies run on workers (Airflow's {@code queue};
   * default {@code default}): only a worker serving it ({@code worker --queue gpu}) claims them. A
   * local run ignores it. A name is not empty and has no whitespace, control characters or commas.
   */
  public TaskHandle queue(String queue) {
    options().queue(queue, "task '" + taskId() + "'");
    return this;
  }

  /**
   * Whether a resumed run keeps this task's success and output (default true); false makes it run
   * again on every resume, and its output is not journaled (so it need not be serialisable).
   */
  public TaskHandle resumable(boolean resumable) {
    options().resumable(resumable);
    return this;
  }

  /**
   * The type of this task's output, generics included: {@code .outputType(Order.class)}, or {@code
   * .outputType(new OutputType<List<Order>>() {})}. A resume reads the journaled output back as
   * this type and no other (the journal never names the classes it loads), so a task that returns
   * more than JSON's own values (strings, booleans, {@code Integer}s, {@code Double}s, lists and
   * maps of them) declares it or is not resumable; the generated code declares every task's return
   * type.
   */
  public TaskHandle outputType(Type type) {
    options().outputType = Objects.requireNonNull(type, "type");
    return this;
  }

  /**
   * {@link #outputType(Type)} for a generic type: {@code .outputType(new OutputType<List<Order>>()
   * {})}.
   */
  public TaskHandle outputType(OutputType<?> type) {
    return outputType(type.type());
  }

  Operator operator() {
    return operator;
  }

  TaskKind kind() {
    return kind;
  }

  /** This task's own options, made on first use. */
  TaskOptions options() {
    if (options == null) {
      options = new TaskOptions();
    }
    return options;
  }

  /** This task's own options, or null when it sets none. */
  TaskOptions ownOptions() {
    return options;
  }

  DagBuilder builder() {
    return builder;
  }

  /** {@code this >> next}; returns {@code next} so chains read left to right. */
  public TaskHandle then(TaskHandle next) {
    builder.edge(this, next);
    return next;
  }

  /** {@code this >> [first, more...]}: fan-out; returns the list so it can fan back in. */
  public TaskList then(TaskHandle first, TaskHandle... more) {
    TaskList next = TaskList.of(first, more);
    return then(next);
  }

  /** {@code this >> list}; returns the list. */
  public TaskList then(TaskList next) {
    for (TaskHandle task : next) {
      builder.edge(this, task);
    }
    return next;
  }

  /** {@code upstream >> this}: Airflow's {@code this << upstream}; returns this. */
  public TaskHandle after(TaskHandle... upstream) {
    for (TaskHandle task : upstream) {
      builder.edge(Objects.requireNonNull(task, "upstream task"), this);
    }
    return this;
  }

  @Override
  public String toString() {
    return "TaskHandle[" + taskId() + "]";
  }
}
