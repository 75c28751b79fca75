/**
 * Jinja2's semantics on Jinjava, as Airflow renders templates: Python's printing of values, its
 * operators and methods, Jinja2's filters and tags, the strict undefined, the render limits, and
 * the objects a template sees ({@code ti}, {@code dag_run}, {@code macros}, date-times). Not
 * exported: the public face is {@link io.processflow.runtime.template.TemplateEngine}; Jinjava
 * reaches these classes reflectively (the module opens the package to it). The differences from
 * Jinja2 that are kept on purpose are listed in the test suite's {@code JinjaDifferences}.
 */
package io.processflow.runtime.internal.template;
