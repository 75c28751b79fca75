package io.processflow.processor.model;

import io.processflow.processor.diagnostics.Location;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Task} method, as read from its element.
 *
 * @param output the type of the task's output ({@code T} for a {@code CompletionStage<T>}), or null
 *     when it has none
 * @param kindLocation the {@code @Branch} or {@code @ShortCircuit} annotation; for a plain task,
 *     the {@code @Task} annotation
 * @param upstream every {@code @DependsOn} id then every {@code @From} id, in source order
 */
public record TaskModel(
    String id,
    ExecutableElement method,
    Location idLocation,
    boolean isStatic,
    boolean allowToFail,
    boolean resumable,
    TaskKind kind,
    Location kindLocation,
    OptionsModel options,
    ReturnKind returnKind,
    TypeMirror output,
    List<ParameterModel> parameters,
    List<Reference> upstream) {

  public TaskModel {
    parameters = List.copyOf(parameters);
    upstream = List.copyOf(upstream);
  }

  public String methodName() {
    return method.getSimpleName().toString();
  }
}
