package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A run parameter of a {@link Dag} with its default, Airflow's DAG {@code params}: tasks read it with
 * {@code ctx.params().get(name)}, and a run may override it ({@code --param name=value}). A run may
 * set declared params only; an undeclared name is refused before any task runs.
 *
 * <pre>{@code @Dag(params = {@Param(name = "region", value = "eu"), @Param(name = "limit", value = "100")})}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Param {
  /** The param's name; names match {@code [A-Za-z0-9_.-]+} and are unique within a DAG. */
  String name();

  /** The default value, a string like the values {@code --param} gives. */
  String value() default "";
}
