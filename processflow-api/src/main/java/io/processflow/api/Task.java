package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of a {@link Dag} class a task.
 *
 * <p>The method may return {@code void}, a value (the task's output, which downstream tasks read
 * with {@link From}), a {@link java.util.concurrent.CompletionStage} (an asynchronous task whose
 * output is the stage's value), or an {@link Operator} (the method configures the operator, which
 * then runs as the task). Its parameters may only be {@link TaskContext}, the run's
 * {@link io.processflow.api.store.Store}, or {@link From} values.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Task {
  /** The task id; empty means the method's name. Ids match {@code [A-Za-z0-9_.-]+}. */
  String id() default "";

  /**
   * When true a failure of this task is recorded (its state is {@code failed}) but its downstream
   * tasks still run and the run does not fail because of it.
   */
  boolean allowToFail() default false;
}
