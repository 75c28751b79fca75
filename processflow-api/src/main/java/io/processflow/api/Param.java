package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A run parameter of a {@link Dag} with its default, Airflow's DAG {@code params} and {@code
 * Param}: tasks read it with {@code ctx.params().get(name)}, and a run may override it ({@code
 * --param name=value}). A run may set declared params only; an undeclared name is refused before
 * any task runs, with the closest declared name.
 *
 * <p>A typed param's value is parsed and checked before any task runs: an {@link ParamType#INTEGER}
 * param is a {@link Long} in {@code ctx.params()}, a {@link ParamType#NUMBER} a {@link Double}, a
 * {@link ParamType#BOOLEAN} a {@link Boolean}, an {@link ParamType#ARRAY} a {@link java.util.List}
 * and an {@link ParamType#OBJECT} a {@link java.util.Map} (both written as JSON). The processor
 * checks the default, the enums and the bounds at compile time.
 *
 * <pre>{@code
 * @Dag(params = {
 *     @Param(name = "region", value = "eu", enums = {"eu", "us"}),
 *     @Param(name = "limit", value = "100", type = ParamType.INTEGER, minimum = 1, maximum = 1000,
 *         description = "Rows per batch")})
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Param {
  /** The param's name; names match {@code [A-Za-z0-9_.-]+} and are unique within a DAG. */
  String name();

  /**
   * The default value, written as {@code --param} would give it ({@code "100"}, {@code "true"},
   * {@code "[1, 2]"}). A param of a type other than {@link ParamType#STRING} whose value is empty
   * has no default: a run must give it (Airflow's {@code Param} without a default).
   */
  String value() default "";

  /** The value's type (default: string). */
  ParamType type() default ParamType.STRING;

  /**
   * The only values allowed, when not empty (Airflow's {@code enum}); string, integer and number
   * params.
   */
  String[] enums() default {};

  /** The smallest value allowed, for integer and number params (Airflow's {@code minimum}). */
  double minimum() default Double.NEGATIVE_INFINITY;

  /** The largest value allowed, for integer and number params (Airflow's {@code maximum}). */
  double maximum() default Double.POSITIVE_INFINITY;

  /** What the param is for, shown by the launcher's {@code list}. */
  String description() default "";
}
