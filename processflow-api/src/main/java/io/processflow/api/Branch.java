package io.processflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Task} a branch, Airflow's {@code @task.branch}: the method returns the id of the
 * task to follow ({@code String}), usually a direct downstream one, or the ids ({@code
 * Collection<String>}), or a {@link java.util.concurrent.CompletionStage} of either; the direct
 * downstream tasks that are neither named nor downstream of a named task are skipped, and the skip
 * propagates. As in Airflow, an id may name any task of the DAG (naming only a task further down
 * skips the direct downstream task it is reached through, and so the named task too); one the DAG
 * does not have fails the branch. The processor checks the return type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Branch {}
