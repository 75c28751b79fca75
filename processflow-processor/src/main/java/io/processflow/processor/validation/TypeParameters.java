package io.processflow.processor.validation;

import java.util.List;
import java.util.StringJoiner;
import javax.lang.model.element.TypeParameterElement;

/** Type parameters as the source writes them, for messages: {@code <K, V>}. */
final class TypeParameters {
  private TypeParameters() {}

  static String describe(List<? extends TypeParameterElement> parameters) {
    StringJoiner joiner = new StringJoiner(", ", "<", ">");
    for (TypeParameterElement parameter : parameters) {
      joiner.add(parameter.getSimpleName());
    }
    return joiner.toString();
  }
}
