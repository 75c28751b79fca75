package io.processflow.processor.model;

import com.palantir.javapoet.ClassName;
import io.processflow.api.Branch;
import io.processflow.api.Dag;
import io.processflow.api.DependsOn;
import io.processflow.api.From;
import io.processflow.api.ParamType;
import io.processflow.api.ShortCircuit;
import io.processflow.api.Task;
import io.processflow.api.TriggerRule;
import io.processflow.processor.diagnostics.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a {@code @Dag} class into a {@link DagModel}. It reads every task, even one with element
 * errors, so that the graph rules can still report everything else in the same compilation.
 */
public final class ModelReader {
  private final TypeFacts facts;

  public ModelReader(TypeFacts facts) {
    this.facts = facts;
  }

  public DagModel read(TypeElement dagClass) {
    AnnotationMirror dag = Annotations.find(dagClass, Dag.class).orElseThrow();
    AnnotationValue explicitId = Annotations.explicitValue(dag, "id");
    String id = (String) Annotations.value(dag, "id");
    if (explicitId == null || id.isEmpty()) {
      id = DagIds.snakeCase(dagClass.getSimpleName().toString());
    }
    List<TaskModel> tasks = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(dagClass.getEnclosedElements())) {
      Annotations.find(method, Task.class).ifPresent(task -> tasks.add(readTask(method, task)));
    }
    return new DagModel(
        dagClass,
        ClassName.get(dagClass),
        id,
        Location.of(dagClass, dag, explicitId),
        (String) Annotations.value(dag, "description"),
        (Integer) Annotations.value(dag, "maxActiveTasks"),
        facts.isStateful(dagClass),
        params(dagClass, dag),
        options(dagClass, dag),
        (Boolean) Annotations.value(dag, "failFast"),
        tasks,
        schedule(dagClass, dag));
  }

  /** The schedule attributes {@code dag} sets explicitly. */
  private static ScheduleModel schedule(TypeElement dagClass, AnnotationMirror dag) {
    return new ScheduleModel(
        setting(dagClass, dag, "schedule", String.class),
        setting(dagClass, dag, "startDate", String.class),
        setting(dagClass, dag, "endDate", String.class),
        Boolean.TRUE.equals(Annotations.value(dag, "catchup")),
        setting(dagClass, dag, "maxActiveRuns", Integer.class),
        setting(dagClass, dag, "timezone", String.class),
        Location.of(dagClass, dag));
  }

  private static List<ParamModel> params(TypeElement dagClass, AnnotationMirror dag) {
    List<ParamModel> params = new ArrayList<>();
    AnnotationValue declared = Annotations.explicitValue(dag, "params");
    if (declared == null) {
      return params;
    }
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) declared.getValue();
    for (AnnotationValue value : values) {
      AnnotationMirror param = (AnnotationMirror) value.getValue();
      AnnotationValue name = Annotations.explicitValue(param, "name");
      // javac finds a nested annotation's value by searching the outer annotation's tree.
      Location location = Location.of(dagClass, dag, name == null ? value : name);
      Map<String, Location> attributes = new HashMap<>();
      for (String attribute : List.of("value", "type", "enums", "minimum", "maximum")) {
        AnnotationValue written = Annotations.explicitValue(param, attribute);
        if (written != null) {
          attributes.put(attribute, Location.of(dagClass, dag, written));
        }
      }
      List<String> enums = new ArrayList<>();
      @SuppressWarnings("unchecked")
      List<? extends AnnotationValue> enumValues =
          (List<? extends AnnotationValue>) Annotations.value(param, "enums");
      for (AnnotationValue enumValue : enumValues) {
        enums.add((String) enumValue.getValue());
      }
      Object type = Annotations.value(param, "type");
      params.add(
          new ParamModel(
              (String) Annotations.value(param, "name"),
              (String) Annotations.value(param, "value"),
              ParamType.valueOf(((VariableElement) type).getSimpleName().toString()),
              List.copyOf(enums),
              (Double) Annotations.value(param, "minimum"),
              (Double) Annotations.value(param, "maximum"),
              (String) Annotations.value(param, "description"),
              location,
              Map.copyOf(attributes)));
    }
    return params;
  }

  /** The failure options {@code annotation} (a {@code @Dag} or a {@code @Task}) sets explicitly. */
  private static OptionsModel options(Element element, AnnotationMirror annotation) {
    AnnotationValue rule = Annotations.explicitValue(annotation, "triggerRule");
    return new OptionsModel(
        setting(element, annotation, "retries", Integer.class),
        setting(element, annotation, "retryDelay", String.class),
        Boolean.TRUE.equals(Annotations.value(annotation, "retryExponentialBackoff")),
        setting(element, annotation, "maxRetryDelay", String.class),
        setting(element, annotation, "executionTimeout", String.class),
        rule == null
            ? null
            : new Setting<>(
                "triggerRule",
                TriggerRule.valueOf(((VariableElement) rule.getValue()).getSimpleName().toString()),
                Location.of(element, annotation, rule)),
        setting(element, annotation, "queue", String.class));
  }

  /**
   * The setting of {@code attribute}; null when left out or set to its "unset" default (-1, "").
   */
  private static <T> Setting<T> setting(
      Element element, AnnotationMirror annotation, String attribute, Class<T> type) {
    AnnotationValue value = Annotations.explicitValue(annotation, attribute);
    return value == null || value.getValue().equals(Annotations.defaultValue(annotation, attribute))
        ? null
        : new Setting<>(
            attribute, type.cast(value.getValue()), Location.of(element, annotation, value));
  }

  private TaskModel readTask(ExecutableElement method, AnnotationMirror task) {
    AnnotationValue explicitId = Annotations.explicitValue(task, "id");
    String id =
        explicitId == null ? method.getSimpleName().toString() : (String) explicitId.getValue();
    List<Reference> upstream = new ArrayList<>();
    Annotations.find(method, DependsOn.class)
        .ifPresent(
            dependsOn -> {
              @SuppressWarnings("unchecked")
              List<? extends AnnotationValue> values =
                  (List<? extends AnnotationValue>) Annotations.value(dependsOn, "value");
              for (AnnotationValue value : values) {
                upstream.add(
                    new Reference(
                        (String) value.getValue(), Location.of(method, dependsOn, value), -1));
              }
            });
    List<ParameterModel> parameters = new ArrayList<>();
    List<? extends VariableElement> elements = method.getParameters();
    for (int i = 0; i < elements.size(); i++) {
      VariableElement parameter = elements.get(i);
      ParameterKind kind = facts.classify(parameter);
      Reference from = null;
      if (kind == ParameterKind.FROM) {
        AnnotationMirror mirror = Annotations.find(parameter, From.class).orElseThrow();
        AnnotationValue value = Annotations.explicitValue(mirror, "value");
        from =
            new Reference(
                value == null ? "" : (String) value.getValue(),
                Location.of(parameter, mirror, value),
                i);
        upstream.add(from);
      }
      parameters.add(new ParameterModel(parameter, kind, parameter.asType(), from));
    }
    ReturnKind returnKind = facts.returnKind(method.getReturnType());
    TaskKind kind = TaskKind.TASK;
    AnnotationMirror kindAnnotation = task;
    AnnotationMirror branch = Annotations.find(method, Branch.class).orElse(null);
    AnnotationMirror shortCircuit = Annotations.find(method, ShortCircuit.class).orElse(null);
    if (branch != null) {
      kind = TaskKind.BRANCH;
      kindAnnotation = branch;
    } else if (shortCircuit != null) {
      kind = TaskKind.SHORT_CIRCUIT;
      kindAnnotation = shortCircuit;
    }
    return new TaskModel(
        id,
        method,
        Location.of(method, task, explicitId),
        method.getModifiers().contains(Modifier.STATIC),
        (Boolean) Annotations.value(task, "allowToFail"),
        (Boolean) Annotations.value(task, "resumable"),
        kind,
        Location.of(method, kindAnnotation),
        options(method, task),
        returnKind,
        facts.output(method.getReturnType(), returnKind),
        parameters,
        upstream);
  }
}
