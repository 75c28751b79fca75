package io.processflow.processor.validation;

import io.processflow.api.Dag;
import io.processflow.processor.diagnostics.Location;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Annotations;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.writing.GeneratedNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Checks that the class generated for a {@code @Dag} class has a name no other type has. Nested
 * names are joined with {@code _}, so {@code Outer.Foo} and a top-level {@code Outer_Foo} both
 * generate {@code ProcessFlowOuter_Foo}; without this check javac would report a duplicate class or
 * a filer error against generated code instead of an error on the second {@code @Dag}.
 */
public final class GeneratedNameValidator {
  private final Reporter reporter;
  private final Elements elements;

  /** Generated class name to the {@code @Dag} class it is for, across rounds. */
  private final Map<String, TypeElement> claimed = new HashMap<>();

  public GeneratedNameValidator(Reporter reporter, Elements elements) {
    this.reporter = reporter;
    this.elements = elements;
  }

  public void validate(DagModel model) {
    TypeElement dagClass = model.element();
    String generated = GeneratedNames.generatedClass(model.dagClass()).canonicalName();
    Location at = Location.of(dagClass, Annotations.find(dagClass, Dag.class).orElseThrow());
    TypeElement first = claimed.putIfAbsent(generated, dagClass);
    if (first != null) {
      if (!first.equals(dagClass)) {
        reporter.error(
            at,
            Message.GENERATED_NAME_CLASH,
            dagClass.getQualifiedName(),
            generated,
            first.getQualifiedName());
      }
      return;
    }
    // A type this compilation did not generate: a source or a class file on the classpath.
    TypeElement existing = elements.getTypeElement(generated);
    if (existing == null) {
      return;
    }
    Optional<String> owner = GeneratedNames.dagClassOf(existing);
    if (owner.isEmpty()) {
      reporter.error(
          at,
          Message.GENERATED_NAME_TAKEN,
          dagClass.getQualifiedName(),
          generated,
          dagClass.getSimpleName());
    } else if (!dagClass.getQualifiedName().contentEquals(owner.get())
        && elements.getTypeElement(owner.get()) != null) {
      // Generated earlier (separate compilation) for another DAG class that still exists. One for a
      // class that no longer exists is a leftover of an earlier build: the new source replaces it.
      reporter.error(
          at, Message.GENERATED_NAME_CLASH, dagClass.getQualifiedName(), generated, owner.get());
    }
  }
}
