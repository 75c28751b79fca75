package io.processflow.processor.validation;

import io.processflow.api.Branch;
import io.processflow.api.Dag;
import io.processflow.api.DependsOn;
import io.processflow.api.From;
import io.processflow.api.ShortCircuit;
import io.processflow.api.Task;
import io.processflow.processor.diagnostics.Location;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.Annotations;
import java.lang.annotation.Annotation;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/**
 * Reports {@code @Task} outside a {@code @Dag} class, and {@code @DependsOn}, {@code @From},
 * {@code @Branch} and {@code @ShortCircuit} outside a task.
 */
public final class MisplacedAnnotationValidator {
  private final Reporter reporter;

  public MisplacedAnnotationValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  public void validate(RoundEnvironment round) {
    for (Element method : round.getElementsAnnotatedWith(Task.class)) {
      Element owner = method.getEnclosingElement();
      if (Annotations.find(owner, Dag.class).isEmpty()) {
        reporter.error(
            Location.of(method, Annotations.find(method, Task.class).orElse(null)),
            Message.TASK_OUTSIDE_DAG,
            method.getSimpleName(),
            owner.getSimpleName(),
            owner.getSimpleName());
      }
    }
    for (Element method : round.getElementsAnnotatedWith(DependsOn.class)) {
      if (Annotations.find(method, Task.class).isEmpty()) {
        reporter.error(
            Location.of(method, Annotations.find(method, DependsOn.class).orElse(null)),
            Message.DEPENDS_ON_WITHOUT_TASK,
            method.getSimpleName());
      }
    }
    for (Class<? extends Annotation> marker : List.of(Branch.class, ShortCircuit.class)) {
      for (Element method : round.getElementsAnnotatedWith(marker)) {
        if (Annotations.find(method, Task.class).isEmpty()) {
          reporter.error(
              Location.of(method, Annotations.find(method, marker).orElse(null)),
              Message.MARKER_WITHOUT_TASK,
              marker.getSimpleName(),
              method.getSimpleName(),
              marker.getSimpleName());
        }
      }
    }
    for (Element parameter : round.getElementsAnnotatedWith(From.class)) {
      Element method = parameter.getEnclosingElement();
      if (Annotations.find(method, Task.class).isEmpty()) {
        reporter.error(
            Location.of(parameter, Annotations.find(parameter, From.class).orElse(null)),
            Message.FROM_WITHOUT_TASK,
            parameter.getSimpleName(),
            method.getSimpleName());
      }
    }
  }
}
