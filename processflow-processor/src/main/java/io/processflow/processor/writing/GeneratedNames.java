package io.processflow.processor.writing;

import com.palantir.javapoet.ClassName;

/** {@code ProcessFlowFoo} for {@code Foo}, {@code ProcessFlowOuter_Foo} for {@code Outer.Foo}, same package. */
public final class GeneratedNames {
  static final String PREFIX = "ProcessFlow";

  private GeneratedNames() {}

  public static ClassName generatedClass(ClassName dagClass) {
    return ClassName.get(dagClass.packageName(), PREFIX + String.join("_", dagClass.simpleNames()));
  }
}
