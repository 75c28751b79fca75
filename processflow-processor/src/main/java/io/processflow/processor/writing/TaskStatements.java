package io.processflow.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.ParameterKind;
import io.processflow.processor.model.ParameterModel;
import io.processflow.processor.model.Reference;
import io.processflow.processor.model.ReturnKind;
import io.processflow.processor.model.TaskModel;
import io.processflow.processor.model.TypeFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * The code for one task: its declaration {@code builder.task("id", new Part1(instance, 3))} ({@code
 * branch} or {@code shortCircuit} for those kinds) followed by the options it sets, its
 * dependencies {@code builder.dependsOn("id", "up", ...)} (once per upstream id, even when both
 * {@code @DependsOn} and {@code @From} name it), and the call the operator's {@code case 3} makes.
 *
 * <p>{@code @From} values are cast, {@code (List<String>) ctx.xcomPull("up")}: javac types a cast
 * without inferring anything, and the processor has already checked that the upstream's output fits
 * the parameter.
 */
final class TaskStatements {
  static final String BUILDER = "builder";
  static final String INSTANCE = "instance";
  static final String CONTEXT = "ctx";
  static final String TASK = "task";

  private final TypeFacts facts;

  TaskStatements(TypeFacts facts) {
    this.facts = facts;
  }

  /**
   * How much code the task's declaration and call take, in units of about one statement: parts are
   * filled up to a budget of these so that every method stays far below the JVM's 64 KB.
   */
  static int weight(TaskModel task) {
    return 1 + task.parameters().size() + OptionCalls.of(task.options()).size();
  }

  /** {@code builder.task("id", new Part1(instance, index))} and the task's options. */
  CodeBlock declaration(TaskModel task, ClassName operator, int index) {
    List<CodeBlock> calls = new ArrayList<>();
    outputType(task, calls);
    if (task.allowToFail()) {
      calls.add(CodeBlock.of(".allowToFail()"));
    }
    if (!task.resumable()) {
      calls.add(CodeBlock.of(".resumable(false)"));
    }
    calls.addAll(OptionCalls.of(task.options()));
    String declare =
        switch (task.kind()) {
          case TASK -> "task";
          case BRANCH -> "branch";
          case SHORT_CIRCUIT -> "shortCircuit";
        };
    return CodeBlock.of(
        "$N.$N($S, new $T($N, $L))$L;\n",
        BUILDER,
        declare,
        task.id(),
        operator,
        INSTANCE,
        index,
        OptionCalls.chain(calls));
  }

  /**
   * {@code .outputType(Item.class)}, {@code .outputType(OutputType.parameterized(List.class,
   * Item.class))}: the method's output type, generics included, as the only type a resume reads the
   * journaled output back as. None for {@code Object} or an operator's output, which is undeclared.
   */
  private void outputType(TaskModel task, List<CodeBlock> calls) {
    TypeMirror output = task.output();
    if (output != null
        && task.returnKind() != ReturnKind.OPERATOR
        && !TypeName.get(output).equals(ClassName.OBJECT)) {
      calls.add(CodeBlock.of(".outputType($L)", typeLiteral(output)));
    }
  }

  private CodeBlock typeLiteral(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED -> {
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        TypeName raw = TypeName.get(facts.types().erasure(type));
        if (arguments.isEmpty()) {
          return CodeBlock.of("$T.class", raw);
        }
        List<CodeBlock> literals = new ArrayList<>(arguments.size());
        for (TypeMirror argument : arguments) {
          literals.add(typeLiteral(argument));
        }
        return CodeBlock.of(
            "$T.parameterized($T.class, $L)",
            RuntimeNames.OUTPUT_TYPE,
            raw,
            CodeBlock.join(literals, ", "));
      }
      case WILDCARD -> {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? CodeBlock.of("$T.class", Object.class) : typeLiteral(bound);
      }
      case TYPEVAR -> {
        return typeLiteral(((TypeVariable) type).getUpperBound());
      }
      default -> {
        TypeName name = TypeName.get(facts.types().erasure(type));
        return name.isPrimitive() || type.getKind() == TypeKind.ARRAY
            ? CodeBlock.of("$T.class", name)
            : CodeBlock.of("$T.class", Object.class);
      }
    }
  }

  /** The ids the task depends on, each once, {@code @DependsOn} ids first. */
  static Set<String> upstream(TaskModel task) {
    Set<String> upstream = new LinkedHashSet<>();
    for (Reference reference : task.upstream()) {
      upstream.add(reference.taskId());
    }
    return upstream;
  }

  /** {@code builder.dependsOn("id", "up1", "up2", ...)}: one statement for many edges. */
  static CodeBlock dependencies(List<String> upstream, TaskModel task) {
    CodeBlock.Builder ids = CodeBlock.builder();
    for (String id : upstream) {
      ids.add(", $S", id);
    }
    return CodeBlock.of("$N.dependsOn($S$L);\n", BUILDER, task.id(), ids.build());
  }

  /** The statements of the task's {@code case}: the method call and the operator's return. */
  CodeBlock call(DagModel model, TaskModel task, Map<String, TaskModel> byId) {
    List<CodeBlock> arguments = new ArrayList<>(task.parameters().size());
    for (ParameterModel parameter : task.parameters()) {
      arguments.add(argument(task, parameter, byId));
    }
    CodeBlock call =
        task.isStatic()
            ? CodeBlock.of(
                "$T.$N($L)", model.dagClass(), task.methodName(), CodeBlock.join(arguments, ", "))
            : CodeBlock.of(
                "$N.$N($L)", INSTANCE, task.methodName(), CodeBlock.join(arguments, ", "));
    return switch (task.returnKind()) {
      case VOID -> CodeBlock.builder().addStatement("$L", call).addStatement("return null").build();
      case OPERATOR ->
          CodeBlock.builder().addStatement("return $L.execute($N)", call, CONTEXT).build();
      case VALUE, ASYNC -> CodeBlock.builder().addStatement("return $L", call).build();
    };
  }

  /**
   * True when a {@code @From} value of the task needs an unchecked cast (to a parameterized type).
   */
  static boolean castsUnchecked(TaskModel task) {
    for (ParameterModel parameter : task.parameters()) {
      if (parameter.kind() == ParameterKind.FROM && isGeneric(parameter.type())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGeneric(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return isGeneric(((ArrayType) type).getComponentType());
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return type.getKind() == TypeKind.TYPEVAR;
    }
    DeclaredType declared = (DeclaredType) type;
    return !declared.getTypeArguments().isEmpty() || isGeneric(declared.getEnclosingType());
  }

  private CodeBlock argument(
      TaskModel task, ParameterModel parameter, Map<String, TaskModel> byId) {
    return switch (parameter.kind()) {
      case CONTEXT -> CodeBlock.of("$N", CONTEXT);
      case STORE -> CodeBlock.of("$N.store()", CONTEXT);
      case FROM -> pull(task, parameter, byId.get(parameter.from().taskId()));
      case INVALID -> throw new IllegalStateException("invalid parameter " + parameter.name());
    };
  }

  /**
   * {@code (T) ctx.xcomPull("id")}, without a cast for an Object parameter. A numeric primitive
   * parameter takes its value from whichever {@code Number} the output is, {@code
   * FromValues.number(...).longValue()}, so that an {@code int} output fills a {@code long}
   * parameter; a {@code boolean} or {@code char} parameter, or one a {@code char} output fills,
   * unboxes, {@code (int) (Character)}. A missing output fails the task naming the parameter and
   * the upstream ({@code FromValues}) rather than with an NPE.
   */
  private CodeBlock pull(TaskModel task, ParameterModel parameter, TaskModel upstream) {
    TypeMirror type = parameter.type();
    String upstreamId = parameter.from().taskId();
    CodeBlock pull = CodeBlock.of("$N.xcomPull($S)", CONTEXT, upstreamId);
    if (!type.getKind().isPrimitive()) {
      return TypeName.get(type).equals(ClassName.OBJECT)
          ? pull
          : CodeBlock.of("($T) $L", TypeName.get(type), pull);
    }
    TypeKind kind = type.getKind();
    TypeKind output = facts.types().unboxedType(facts.boxed(upstream.output())).getKind();
    if (kind != TypeKind.BOOLEAN && kind != TypeKind.CHAR && output != TypeKind.CHAR) {
      // byteValue(), intValue(), ...: any Number the upstream output is, widened or narrowed as
      // Java would.
      return CodeBlock.of(
          "$T.number($L, $S, $S, $S).$NValue()",
          RuntimeNames.FROM_VALUES,
          pull,
          task.id(),
          parameter.name(),
          upstreamId,
          type.toString());
    }
    pull =
        CodeBlock.of(
            "$T.present($L, $S, $S, $S)",
            RuntimeNames.FROM_VALUES,
            pull,
            task.id(),
            parameter.name(),
            upstreamId);
    TypeMirror stored = facts.boxed(upstream.output());
    if (facts.types().isSameType(stored, facts.boxed(type))) {
      return CodeBlock.of("($T) $L", TypeName.get(type), pull);
    }
    return CodeBlock.of("($T) ($T) $L", TypeName.get(type), TypeName.get(stored), pull);
  }
}
