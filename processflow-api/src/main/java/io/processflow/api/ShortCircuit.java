package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Task} a short circuit, Airflow's {@code ShortCircuitOperator}: the method returns
 * {@code boolean}, {@code Boolean} or {@code CompletionStage<Boolean>}, and {@code false} skips
 * every task downstream of it. The processor checks the return type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ShortCircuit {}
