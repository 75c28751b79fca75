package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Task} a branch, Airflow's {@code @task.branch}: the method returns the id of the
 * direct downstream task to follow ({@code String}), or the ids ({@code Collection<String>}), or a
 * {@link java.util.concurrent.CompletionStage} of either; the direct downstream tasks it does not
 * name are skipped, and the skip propagates. The processor checks the return type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Branch {}
