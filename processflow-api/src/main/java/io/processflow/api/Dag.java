package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link Task} methods form a DAG. The annotation processor checks the DAG at
 * compile time and generates {@code ProcessFlow<ClassName>}, which builds it with the runtime's DSL
 * and has a {@code main} that runs it once.
 *
 * <p>The class must be top-level or a static nested class, not abstract, with a constructor the
 * generated code can call (no arguments, not private).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Dag {
  /** The DAG id; empty means the class's simple name in snake_case ({@code MyEtl} becomes {@code my_etl}). */
  String id() default "";

  /** A one-line description, shown by {@code list}. */
  String description() default "";

  /** How many tasks may run at once; 0 means the runtime's default (the number of cores). */
  int maxActiveTasks() default 0;
}
