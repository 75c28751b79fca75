/**
 * Jinja templates with Airflow's context: {@link io.processflow.runtime.template.TemplateEngine}
 * renders strictly (undefined names and syntax errors throw a {@link
 * io.processflow.runtime.template.TemplateException} naming template, line and name) and safely
 * (values are never rendered again, reflection is refused, files load only from the search path and
 * the classpath); {@link io.processflow.runtime.template.AirflowContext} builds the names ({@code
 * ds}, {@code ts}, {@code logical_date}, {@code ti}, {@code params}, {@code macros}, ...). How
 * Jinja2's semantics are rebuilt on Jinjava (filters, Python values, the objects templates see) is
 * in the unexported {@code io.processflow.runtime.internal.template}.
 */
package io.processflow.runtime.template;
