package io.processflow.processor.model;

import io.processflow.api.From;
import io.processflow.api.Operator;
import io.processflow.api.RunState;
import io.processflow.api.StatefulDag;
import io.processflow.api.TaskContext;
import io.processflow.api.TypedOperator;
import io.processflow.api.store.Store;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** The questions the processor asks about types, answered with javac's own {@link Types}. */
public final class TypeFacts {
  private final Types types;
  private final TypeMirror taskContext;
  private final TypeMirror store;
  private final TypeMirror storeOfRunState;
  private final TypeMirror completionStage;
  private final TypeMirror operator;
  private final TypeMirror typedOperator;
  private final TypeMirror statefulDag;
  private final TypeMirror object;
  private final TypeMirror exception;
  private final TypeMirror error;
  private final TypeMirror voidType;
  private final TypeMirror string;
  private final TypeMirror stringCollection;

  public TypeFacts(Elements elements, Types types) {
    this.types = types;
    this.taskContext = declared(elements, TaskContext.class);
    TypeElement storeElement = elements.getTypeElement(Store.class.getCanonicalName());
    this.store = types.erasure(storeElement.asType());
    this.storeOfRunState = types.getDeclaredType(storeElement, declared(elements, RunState.class));
    this.completionStage = types.erasure(declared(elements, CompletionStage.class));
    this.operator = declared(elements, Operator.class);
    this.typedOperator = types.erasure(declared(elements, TypedOperator.class));
    this.statefulDag = types.erasure(declared(elements, StatefulDag.class));
    this.object = declared(elements, Object.class);
    this.exception = declared(elements, Exception.class);
    this.error = declared(elements, Error.class);
    this.voidType = declared(elements, Void.class);
    this.string = declared(elements, String.class);
    this.stringCollection =
        types.getDeclaredType(
            elements.getTypeElement(Collection.class.getCanonicalName()),
            types.getWildcardType(string, null));
  }

  private static TypeMirror declared(Elements elements, Class<?> type) {
    return elements.getTypeElement(type.getCanonicalName()).asType();
  }

  public Types types() {
    return types;
  }

  /** How the generated code fills {@code parameter}. */
  public ParameterKind classify(VariableElement parameter) {
    TypeMirror type = parameter.asType();
    if (Annotations.find(parameter, From.class).isPresent()) {
      return ParameterKind.FROM;
    }
    if (types.isSameType(type, taskContext)) {
      return ParameterKind.CONTEXT;
    }
    if (type.getKind() == TypeKind.DECLARED
        && types.isSameType(types.erasure(type), store)
        && types.isAssignable(storeOfRunState, type)) {
      return ParameterKind.STORE;
    }
    return ParameterKind.INVALID;
  }

  public ReturnKind returnKind(TypeMirror returnType) {
    if (returnType.getKind() == TypeKind.VOID) {
      return ReturnKind.VOID;
    }
    if (returnType.getKind() == TypeKind.DECLARED) {
      if (types.isAssignable(types.erasure(returnType), completionStage)) {
        return ReturnKind.ASYNC;
      }
      if (types.isAssignable(returnType, operator)) {
        return ReturnKind.OPERATOR;
      }
    }
    return ReturnKind.VALUE;
  }

  /**
   * The task's output type: the return type, {@code T} of a {@code CompletionStage<T>}, {@code T}
   * of a {@code TypedOperator<T>}, Object for any other operator (its {@code execute} returns
   * Object), or null when there is none ({@code void}, {@code Void}).
   */
  public TypeMirror output(TypeMirror returnType, ReturnKind kind) {
    TypeMirror output =
        switch (kind) {
          case VOID -> null;
          case VALUE -> returnType;
          case ASYNC -> typeArgument(returnType, completionStage);
          case OPERATOR ->
              types.isAssignable(types.erasure(returnType), typedOperator)
                  ? typeArgument(returnType, typedOperator)
                  : object;
        };
    return output == null || types.isSameType(output, voidType) ? null : output;
  }

  /**
   * T of the {@code Generic<T>} that {@code type} is, for the erased {@code generic} (Object when
   * raw or unbounded).
   */
  private TypeMirror typeArgument(TypeMirror type, TypeMirror generic) {
    ArrayDeque<TypeMirror> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      TypeMirror t = queue.poll();
      if (types.isSameType(types.erasure(t), generic)) {
        List<? extends TypeMirror> arguments = ((DeclaredType) t).getTypeArguments();
        if (arguments.isEmpty()) {
          return object;
        }
        TypeMirror argument = arguments.get(0);
        if (argument.getKind() == TypeKind.WILDCARD) {
          TypeMirror bound = ((WildcardType) argument).getExtendsBound();
          return bound == null ? object : bound;
        }
        return argument;
      }
      for (TypeMirror supertype : types.directSupertypes(t)) {
        if (seen.add(supertype.toString())) {
          queue.add(supertype);
        }
      }
    }
    return object;
  }

  /**
   * True when a task returning {@code returnType} outputs what a branch needs: a {@code String} or
   * a {@code Collection<String>}, directly or through a {@code CompletionStage}.
   */
  public boolean isBranchOutput(TypeMirror returnType) {
    ReturnKind kind = returnKind(returnType);
    if (kind != ReturnKind.VALUE && kind != ReturnKind.ASYNC) {
      return false;
    }
    TypeMirror output = output(returnType, kind);
    return output != null
        && (types.isSameType(output, string) || types.isAssignable(output, stringCollection));
  }

  /**
   * True when a task returning {@code returnType} outputs a value, directly or through a {@code
   * CompletionStage}: a short circuit's condition, whose truth decides (never {@code void} or
   * {@code Void}, which would always be false).
   */
  public boolean isConditionOutput(TypeMirror returnType) {
    ReturnKind kind = returnKind(returnType);
    if (kind != ReturnKind.VALUE && kind != ReturnKind.ASYNC) {
      return false;
    }
    return output(returnType, kind) != null;
  }

  public boolean isStateful(TypeElement dagClass) {
    return types.isAssignable(types.erasure(dagClass.asType()), statefulDag);
  }

  /**
   * True for a thrown type that {@code Operator.execute} may not throw (neither Exception nor
   * Error).
   */
  public boolean isIllegalThrow(TypeMirror thrown) {
    return !types.isAssignable(thrown, exception) && !types.isAssignable(thrown, error);
  }

  /** The type a value of {@code type} has once stored as an output (primitives boxed). */
  public TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  public boolean isAssignable(TypeMirror from, TypeMirror to) {
    return types.isAssignable(from, to);
  }

  /** True when {@code type} mentions a type javac could not resolve (perhaps not generated yet). */
  public static boolean containsError(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return true;
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (containsError(argument)) {
            return true;
          }
        }
        return false;
      case ARRAY:
        return containsError(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && containsError(wildcard.getExtendsBound()))
            || (wildcard.getSuperBound() != null && containsError(wildcard.getSuperBound()));
      default:
        return false;
    }
  }
}
