package io.processflow.processor.writing;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types that generated code uses, by name: the processor itself does not depend on the
 * runtime, only the code it writes does.
 */
final class RuntimeNames {
  static final ClassName DAG_BUILDER = ClassName.get("io.processflow.runtime.dsl", "DagBuilder");
  static final ClassName OUTPUT_TYPE = ClassName.get("io.processflow.runtime.dsl", "OutputType");
  static final ClassName DAG_DEFINITION =
      ClassName.get("io.processflow.runtime.dsl", "DagDefinition");
  static final ClassName PARAM_SPEC = ClassName.get("io.processflow.runtime.dsl", "ParamSpec");
  static final ClassName DAG_PROVIDER = ClassName.get("io.processflow.runtime.dsl", "DagProvider");
  static final ClassName DAG_COMMAND = ClassName.get("io.processflow.runtime.cli", "DagCommand");
  static final ClassName FROM_VALUES = ClassName.get("io.processflow.api.internal", "FromValues");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** The service file through which the runtime's launcher finds every generated DAG. */
  static final String SERVICE_FILE = "META-INF/services/" + DAG_PROVIDER.canonicalName();

  private RuntimeNames() {}
}
