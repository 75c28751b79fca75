package io.processflow.processor.model;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** A task method's parameter; {@code from} is set for {@link ParameterKind#FROM} only. */
public record ParameterModel(
    VariableElement element, ParameterKind kind, TypeMirror type, Reference from) {
  public String name() {
    return element.getSimpleName().toString();
  }
}
