import io.processflow.runtime.cli.LauncherExtension;
import io.processflow.runtime.dsl.DagProvider;

/**
 * Builds, runs, journals and launches DAGs: the DSL ({@code dsl}), the run engine ({@code
 * execution}), the JSON-lines journal ({@code journal}), Airflow's templates ({@code template}),
 * operators, schedules, the Redux store and the command line ({@code cli}).
 *
 * <p>Packages under {@code io.processflow.runtime.internal} are not exported: they may change
 * without notice. Jinjava has no module name of its own, so it is required by the name its jar's
 * file gives it ({@code jinjava}); its own dependencies can stay on the class path.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.processflow.runtime {
  requires transitive io.processflow.api;
  requires com.cronutils;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires info.picocli;
  // @Generated, on the code the processor writes into the user's module.
  requires static transitive java.compiler;
  // java.beans: Jinjava's expression resolvers describe properties with it.
  requires java.desktop;
  requires jinjava;
  requires org.jline.terminal;
  requires org.slf4j;

  exports io.processflow.runtime.cli;
  exports io.processflow.runtime.dsl;
  exports io.processflow.runtime.execution;
  exports io.processflow.runtime.journal;
  exports io.processflow.runtime.logs;
  exports io.processflow.runtime.operators;
  exports io.processflow.runtime.operators.bigquery;
  exports io.processflow.runtime.schedule;
  exports io.processflow.runtime.store;
  exports io.processflow.runtime.template;
  exports io.processflow.runtime.time;

  // The commands, options and mixins are package-private classes that picocli fills reflectively.
  opens io.processflow.runtime.cli to
      info.picocli;
  // Jinjava calls the template functions, filters and context objects reflectively.
  opens io.processflow.runtime.internal.template to
      jinjava;

  uses DagProvider;
  uses LauncherExtension;
}
