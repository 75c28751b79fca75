package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a task method's parameter to the output of an upstream task, which this also makes
 * upstream. The upstream task's return type ({@code CompletionStage<T>} counts as {@code T}) must
 * be assignable to the parameter's type; the processor checks it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface From {
  /** The upstream task id. */
  String value();
}
