package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Task} a short circuit, Airflow's {@code ShortCircuitOperator}: the method returns
 * its condition, a value or a {@code CompletionStage} of one, and a condition that is false as
 * Python sees it ({@code false}, null, zero, an empty string, collection, map or array) skips every
 * task downstream of it (and the task keeps no output, as in Airflow 3). A {@code boolean} is the
 * usual condition; a {@code List<String>} of rows found lets the tasks downstream run only when
 * there are some, and they can pull the rows. The processor rejects {@code void} and {@code
 * CompletionStage<Void>}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ShortCircuit {}
