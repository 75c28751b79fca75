package io.processflow.runtime.dsl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DAG the launcher ({@code io.processflow.runtime.cli.Launcher}) can find on the classpath with
 * {@link java.util.ServiceLoader}. The annotation processor generates one for every {@code @Dag}
 * class and registers it in {@code META-INF/services/io.processflow.runtime.dsl.DagProvider}; a DSL
 * DAG can register its own. Implementations need a public no-argument constructor. An application
 * that starts the launcher itself can hand it DSL DAGs with {@link #of}: {@code
 * Launcher.execute(List.of(DagProvider.of(nightly)), args)}.
 */
public interface DagProvider {
  /**
   * A provider of {@code dag}, already built: its id, description, params and schedule are the
   * DAG's, and {@link #definition()} returns it (a DAG holds no run state, so one serves every
   * run).
   */
  static DagProvider of(DagDefinition dag) {
    return new BuiltDagProvider(Objects.requireNonNull(dag, "dag"));
  }

  /** The DAG's id, known without building the DAG. */
  String dagId();

  /** A one-line description, shown by {@code list}; may be empty. */
  String description();

  /** Builds the DAG. */
  DagDefinition definition();

  /**
   * The params the DAG declares, with their defaults, in declaration order. By default read from
   * {@link #paramSpecs()}.
   */
  default Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    for (ParamSpec spec : paramSpecs()) {
      params.put(spec.name(), spec.defaultValue());
    }
    return params;
  }

  /**
   * The params the DAG declares, with their types, defaults, enums, bounds and descriptions, in
   * declaration order; shown by {@code list}. By default read from {@link #definition()}; generated
   * providers answer without building the DAG.
   */
  default List<ParamSpec> paramSpecs() {
    return definition().paramSpecs();
  }

  /**
   * The DAG's schedule as {@code list} shows it: {@code None} (manual runs only), or the schedule
   * and its time zone when not UTC. By default read from {@link #definition()}; generated providers
   * answer without building the DAG.
   */
  default String schedule() {
    return definition().schedule().summary();
  }

  /**
   * The queues the DAG's tasks go to, each once (see {@link DagDefinition#queues}); {@code list}
   * shows them when one is not {@code default}, so that workers can be started for them. By default
   * read from {@link #definition()}; generated providers answer without building the DAG.
   */
  default List<String> queues() {
    return definition().queues();
  }
}
