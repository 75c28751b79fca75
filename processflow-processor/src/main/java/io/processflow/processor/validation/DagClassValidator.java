package io.processflow.processor.validation;

import io.processflow.api.Dag;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.processor.diagnostics.Location;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Annotations;
import io.processflow.processor.model.DagModel;
import java.util.Locale;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** Checks that the generated code can create and use a {@code @Dag} class. */
public final class DagClassValidator {
  private final Reporter reporter;

  public DagClassValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Checks the class's shape; false when it is not a class at all (nothing else can be read). */
  public boolean validateShape(TypeElement type) {
    Location at = Location.of(type);
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.CLASS) {
      reporter.error(at, Message.DAG_NOT_A_CLASS, name, article(type.getKind()));
      return false;
    }
    NestingKind nesting = type.getNestingKind();
    if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
      reporter.error(at, Message.DAG_INNER_CLASS, name, "a local class");
    } else if (nesting == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(at, Message.DAG_INNER_CLASS, name, "an inner (non-static nested) class");
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(at, Message.DAG_ABSTRACT, name);
    }
    boolean isPrivate = false;
    for (Element e = type; e instanceof TypeElement && !isPrivate; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(at, Message.DAG_PRIVATE, ((TypeElement) e).getQualifiedName());
        isPrivate = true;
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(
          at, Message.DAG_GENERIC, name, TypeParameters.describe(type.getTypeParameters()));
    }
    // A private class's implicit constructor is private too: one error is enough.
    if (!isPrivate && !hasCallableConstructor(type)) {
      reporter.error(at, Message.DAG_NO_CONSTRUCTOR, name);
    }
    return true;
  }

  /** Checks the DAG id the model settled on (explicit, or the snake_case default). */
  public void validateId(DagModel model) {
    if (!TaskIds.isValid(model.dagId())) {
      reporter.error(
          model.idLocation(),
          Message.DAG_ID_INVALID,
          model.dagId(),
          " of " + model.element().getQualifiedName(),
          TaskIds.RULE);
    }
  }

  /**
   * {@code maxActiveTasks} below 0, which the DSL refuses in the same words (0 is the runner's
   * default); the error lands on the value.
   */
  public void validateMaxActiveTasks(DagModel model) {
    if (model.maxActiveTasks() < 0) {
      AnnotationMirror dag = Annotations.find(model.element(), Dag.class).orElseThrow();
      reporter.error(
          Location.of(model.element(), dag, Annotations.explicitValue(dag, "maxActiveTasks")),
          Message.MAX_ACTIVE_TASKS_NEGATIVE,
          model.maxActiveTasks(),
          model.dagId());
    }
  }

  private static boolean hasCallableConstructor(TypeElement type) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty()
          && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private static String article(ElementKind kind) {
    String word = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return (word.startsWith("a") || word.startsWith("e") || word.startsWith("i") ? "an " : "a ")
        + word;
  }
}
