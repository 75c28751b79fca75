package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;

/** DAG providers for tests that run the launcher on a DSL DAG. */
final class Providers {
  private Providers() {}

  static DagProvider of(DagDefinition dag) {
    return new DagProvider() {
      @Override
      public String dagId() {
        return dag.dagId();
      }

      @Override
      public String description() {
        return "";
      }

      @Override
      public DagDefinition definition() {
        return dag;
      }
    };
  }
}
