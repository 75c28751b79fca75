package io.processflow.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.ParameterModel;
import io.processflow.processor.model.Reference;
import io.processflow.processor.model.TaskModel;
import io.processflow.processor.model.TypeFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * The DSL statements that declare a valid DAG's tasks and dependencies, one task's declaration
 * followed by its dependencies, in declaration order. Each task becomes
 * {@code builder.task("id", ctx -> instance.method(args))} ({@code branch} or {@code shortCircuit}
 * for those kinds) followed by the options it sets; each upstream id becomes
 * {@code builder.dependency("up", "id")}, once even when both {@code @DependsOn} and {@code @From}
 * name it.
 */
final class TaskStatements {
  static final String BUILDER = "builder";
  static final String INSTANCE = "instance";
  static final String CONTEXT = "ctx";

  private final TypeFacts facts;

  TaskStatements(TypeFacts facts) {
    this.facts = facts;
  }

  List<CodeBlock> of(DagModel model) {
    Map<String, TaskModel> byId = new HashMap<>(model.tasks().size() * 2);
    for (TaskModel task : model.tasks()) {
      byId.put(task.id(), task);
    }
    List<CodeBlock> statements = new ArrayList<>(model.tasks().size() * 2);
    for (TaskModel task : model.tasks()) {
      statements.add(declaration(model, task, byId));
      Set<String> upstream = new LinkedHashSet<>();
      for (Reference reference : task.upstream()) {
        upstream.add(reference.taskId());
      }
      for (String id : upstream) {
        statements.add(CodeBlock.of("$N.dependency($S, $S);\n", BUILDER, id, task.id()));
      }
    }
    return statements;
  }

  private CodeBlock declaration(DagModel model, TaskModel task, Map<String, TaskModel> byId) {
    List<CodeBlock> arguments = new ArrayList<>(task.parameters().size());
    for (ParameterModel parameter : task.parameters()) {
      arguments.add(argument(parameter, byId));
    }
    CodeBlock call =
        task.isStatic()
            ? CodeBlock.of("$T.$N($L)", model.dagClass(), task.methodName(), CodeBlock.join(arguments, ", "))
            : CodeBlock.of("$N.$N($L)", INSTANCE, task.methodName(), CodeBlock.join(arguments, ", "));
    List<CodeBlock> calls = new ArrayList<>();
    if (task.allowToFail()) {
      calls.add(CodeBlock.of(".allowToFail()"));
    }
    calls.addAll(OptionCalls.of(task.options()));
    CodeBlock options = OptionCalls.chain(calls);
    String declare =
        switch (task.kind()) {
          case TASK -> "task";
          case BRANCH -> "branch";
          case SHORT_CIRCUIT -> "shortCircuit";
        };
    return switch (task.returnKind()) {
      case VOID ->
          CodeBlock.builder()
              .add("$N.$N($S, $N -> {\n$>", BUILDER, declare, task.id(), CONTEXT)
              .addStatement("$L", call)
              .addStatement("return null")
              .add("$<})$L;\n", options)
              .build();
      case OPERATOR ->
          CodeBlock.of(
              "$N.$N($S, $N -> $L.execute($N))$L;\n", BUILDER, declare, task.id(), CONTEXT, call, CONTEXT, options);
      case VALUE, ASYNC -> CodeBlock.of("$N.$N($S, $N -> $L)$L;\n", BUILDER, declare, task.id(), CONTEXT, call, options);
    };
  }

  private CodeBlock argument(ParameterModel parameter, Map<String, TaskModel> byId) {
    return switch (parameter.kind()) {
      case CONTEXT -> CodeBlock.of("$N", CONTEXT);
      case STORE -> CodeBlock.of("$N.store()", CONTEXT);
      case FROM -> pull(parameter, byId.get(parameter.from().taskId()));
      case INVALID -> throw new IllegalStateException("invalid parameter " + parameter.name());
    };
  }

  /**
   * {@code ctx.<T>xcomPull("id")}. For a primitive parameter the value is pulled as the upstream's
   * boxed type, then cast, so that an {@code int} output can fill a {@code long} parameter.
   */
  private CodeBlock pull(ParameterModel parameter, TaskModel upstream) {
    TypeMirror type = parameter.type();
    String id = parameter.from().taskId();
    if (!type.getKind().isPrimitive()) {
      return CodeBlock.of("$N.<$T>xcomPull($S)", CONTEXT, TypeName.get(type), id);
    }
    TypeMirror stored = facts.boxed(upstream.output());
    if (facts.types().isSameType(stored, facts.boxed(type))) {
      return CodeBlock.of("$N.<$T>xcomPull($S)", CONTEXT, TypeName.get(stored), id);
    }
    return CodeBlock.of("($T) $N.<$T>xcomPull($S)", TypeName.get(type), CONTEXT, TypeName.get(stored), id);
  }
}
