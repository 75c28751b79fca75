package io.processflow.processor.validation;

import io.processflow.api.ShortCircuit;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.processor.diagnostics.Location;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Annotations;
import io.processflow.processor.model.ParameterKind;
import io.processflow.processor.model.ParameterModel;
import io.processflow.processor.model.TaskKind;
import io.processflow.processor.model.TaskModel;
import io.processflow.processor.model.TypeFacts;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Checks that the generated code can call a task method and fill each of its parameters. */
public final class TaskMethodValidator {
  private final Reporter reporter;
  private final TypeFacts facts;

  public TaskMethodValidator(Reporter reporter, TypeFacts facts) {
    this.reporter = reporter;
    this.facts = facts;
  }

  public void validate(TaskModel task) {
    ExecutableElement method = task.method();
    Location at = Location.of(method, task.idLocation().annotation());
    String name = task.methodName();
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(at, Message.TASK_PRIVATE, name);
    }
    if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(at, Message.TASK_ABSTRACT, name);
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(
          at, Message.TASK_GENERIC, name, TypeParameters.describe(method.getTypeParameters()));
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (facts.isIllegalThrow(thrown)) {
        reporter.error(at, Message.TASK_THROWS_THROWABLE, name, thrown);
      }
    }
    if (task.id().isBlank()) {
      reporter.error(
          task.idLocation(),
          Message.TASK_ID_BLANK,
          name + "()",
          "set @Task(id = ...) to an id, or leave it out to use the method name");
    } else if (!TaskIds.isValid(task.id())) {
      reporter.error(
          task.idLocation(),
          Message.TASK_ID_INVALID,
          task.id(),
          name + "()",
          TaskIds.RULE,
          "set @Task(id = ...) to a valid id");
    }
    validateKind(task);
    for (ParameterModel parameter : task.parameters()) {
      if (parameter.kind() == ParameterKind.INVALID) {
        reporter.error(
            Location.of(parameter.element()),
            Message.PARAMETER_KIND,
            parameter.name(),
            name,
            parameter.type());
      } else if (parameter.kind() == ParameterKind.FROM) {
        TypeElement hidden = privateTypeIn(parameter.type());
        if (hidden != null) {
          reporter.error(
              Location.of(parameter.element()),
              Message.FROM_PRIVATE_TYPE,
              parameter.name(),
              name,
              parameter.type(),
              hidden.getQualifiedName(),
              hidden.getSimpleName());
        }
      }
    }
  }

  /**
   * A private class that {@code type} mentions (itself, an enclosing class, a type argument, an
   * array component), or null.
   */
  private static TypeElement privateTypeIn(TypeMirror type) {
    if (type instanceof ArrayType array) {
      return privateTypeIn(array.getComponentType());
    }
    if (type instanceof WildcardType wildcard) {
      TypeMirror bound =
          wildcard.getExtendsBound() != null
              ? wildcard.getExtendsBound()
              : wildcard.getSuperBound();
      return bound == null ? null : privateTypeIn(bound);
    }
    if (!(type instanceof DeclaredType declared)) {
      return null;
    }
    for (Element e = declared.asElement();
        e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return t;
      }
    }
    for (TypeMirror argument : declared.getTypeArguments()) {
      TypeElement hidden = privateTypeIn(argument);
      if (hidden != null) {
        return hidden;
      }
    }
    return null;
  }

  /** A branch must output task ids and a short circuit a condition; a task cannot be both. */
  private void validateKind(TaskModel task) {
    ExecutableElement method = task.method();
    TypeMirror returnType = method.getReturnType();
    if (task.kind() == TaskKind.BRANCH) {
      Annotations.find(method, ShortCircuit.class)
          .ifPresent(
              shortCircuit ->
                  reporter.error(
                      Location.of(method, shortCircuit),
                      Message.BRANCH_AND_SHORT_CIRCUIT,
                      task.methodName()));
      if (!facts.isBranchOutput(returnType)) {
        reporter.error(
            task.kindLocation(), Message.BRANCH_RETURN_TYPE, task.methodName(), returnType);
      }
    } else if (task.kind() == TaskKind.SHORT_CIRCUIT && !facts.isConditionOutput(returnType)) {
      reporter.error(
          task.kindLocation(), Message.SHORT_CIRCUIT_RETURN_TYPE, task.methodName(), returnType);
    }
  }
}
