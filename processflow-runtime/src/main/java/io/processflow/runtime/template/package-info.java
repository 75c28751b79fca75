/**
 * Jinja templates with Airflow's context: {@link io.processflow.runtime.template.TemplateEngine}
 * renders strictly (undefined names and syntax errors throw a {@link
 * io.processflow.runtime.template.TemplateException} naming template, line and name) and safely
 * (values are never rendered again, reflection is refused, files load only from the search path and
 * the classpath); {@link io.processflow.runtime.template.AirflowContext} builds the names ({@code
 * ds}, {@code ts}, {@code logical_date}, {@code ti}, {@code params}, {@code macros}, ...). The
 * other public classes are what templates see and are not meant to be built by callers.
 */
package io.processflow.runtime.template;
