package io.processflow.runtime.dsl;

/** {@link DagProvider#of}: a provider of a DAG that is already built. */
record BuiltDagProvider(DagDefinition definition) implements DagProvider {
  @Override
  public String dagId() {
    return definition.dagId();
  }

  @Override
  public String description() {
    return definition.description();
  }
}
