package io.processflow.processor;

import com.palantir.javapoet.ClassName;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.graph.GraphRules;
import io.processflow.processor.model.DagModel;
import io.processflow.processor.model.ModelReader;
import io.processflow.processor.model.TaskModel;
import io.processflow.processor.model.TypeFacts;
import io.processflow.processor.validation.DagClassValidator;
import io.processflow.processor.validation.GeneratedNameValidator;
import io.processflow.processor.validation.JournalOutputValidator;
import io.processflow.processor.validation.OptionsValidator;
import io.processflow.processor.validation.ParamsValidator;
import io.processflow.processor.validation.ScheduleValidator;
import io.processflow.processor.validation.TaskMethodValidator;
import io.processflow.processor.writing.DagWriter;
import io.processflow.processor.writing.GeneratedNames;
import io.processflow.processor.writing.ServiceRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Processes one {@code @Dag} class through the stages, in order: element checks, the immutable
 * model, the graph rules, then writing, which happens only when no stage reported an error.
 */
final class DagStep {
  /** What became of a {@code @Dag} class in this round. */
  enum Outcome {
    WRITTEN,
    FAILED,
    /** It mentions a type that does not exist yet, perhaps one another processor will generate. */
    DEFERRED
  }

  private final Reporter reporter;
  private final TypeFacts facts;
  private final Filer filer;
  private final ServiceRegistry registry;
  private final DagClassValidator classValidator;
  private final GeneratedNameValidator nameValidator;
  private final TaskMethodValidator taskValidator;
  private final OptionsValidator optionsValidator;
  private final ParamsValidator paramsValidator;
  private final JournalOutputValidator journalValidator;
  private final ScheduleValidator scheduleValidator;
  private final ModelReader reader;
  private final GraphRules graphRules;
  private final DagWriter writer;

  /** DAG id to the class that declared it, across rounds. */
  private final Map<String, TypeElement> dagIds = new HashMap<>();

  DagStep(
      Reporter reporter,
      TypeFacts facts,
      Elements elements,
      Filer filer,
      ServiceRegistry registry) {
    this.reporter = reporter;
    this.facts = facts;
    this.filer = filer;
    this.registry = registry;
    this.classValidator = new DagClassValidator(reporter);
    this.nameValidator = new GeneratedNameValidator(reporter, elements);
    this.taskValidator = new TaskMethodValidator(reporter, facts);
    this.optionsValidator = new OptionsValidator(reporter);
    this.paramsValidator = new ParamsValidator(reporter);
    this.journalValidator = new JournalOutputValidator(reporter, elements, facts.types());
    this.scheduleValidator = new ScheduleValidator(reporter);
    this.reader = new ModelReader(facts);
    this.graphRules = new GraphRules(facts);
    this.writer = new DagWriter(DagProcessor.class.getName(), facts);
  }

  Outcome process(TypeElement dagClass) throws IOException {
    if (mentionsMissingTypes(dagClass)) {
      return Outcome.DEFERRED;
    }
    int errorsBefore = reporter.errorCount();
    if (!classValidator.validateShape(dagClass)) {
      return Outcome.FAILED;
    }
    DagModel model = reader.read(dagClass);
    classValidator.validateId(model);
    TypeElement sameId = dagIds.putIfAbsent(model.dagId(), dagClass);
    if (sameId != null && !sameId.equals(dagClass)) {
      reporter.error(
          model.idLocation(),
          Message.DAG_ID_DUPLICATE,
          model.dagId(),
          dagClass.getQualifiedName(),
          sameId.getQualifiedName());
    }
    nameValidator.validate(model);
    paramsValidator.validate(model);
    scheduleValidator.validate(model);
    classValidator.validateMaxActiveTasks(model);
    optionsValidator.validate(model.defaults(), "DAG '" + model.dagId() + "'");
    for (TaskModel task : model.tasks()) {
      taskValidator.validate(task);
      journalValidator.validate(task);
      optionsValidator.validate(task.options(), "task '" + task.id() + "'");
    }
    graphRules.check(model, reporter);
    if (reporter.errorCount() != errorsBefore) {
      return Outcome.FAILED;
    }
    writer.write(model).writeTo(filer);
    ClassName generated = GeneratedNames.generatedClass(model.dagClass());
    registry.add(generated.canonicalName(), dagClass);
    return Outcome.WRITTEN;
  }

  private static boolean mentionsMissingTypes(TypeElement dagClass) {
    if (annotationsMentionMissing(dagClass)) {
      return true;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(dagClass.getEnclosedElements())) {
      if (annotationsMentionMissing(method)) {
        return true;
      }
      for (VariableElement parameter : method.getParameters()) {
        if (annotationsMentionMissing(parameter)) {
          return true;
        }
      }
      if (TypeFacts.containsError(method.getReturnType())) {
        return true;
      }
      for (VariableElement parameter : method.getParameters()) {
        if (TypeFacts.containsError(parameter.asType())) {
          return true;
        }
      }
      for (TypeMirror thrown : method.getThrownTypes()) {
        if (TypeFacts.containsError(thrown)) {
          return true;
        }
      }
    }
    for (TypeMirror supertype : dagClass.getInterfaces()) {
      if (TypeFacts.containsError(supertype)) {
        return true;
      }
    }
    return TypeFacts.containsError(dagClass.getSuperclass());
  }

  /**
   * True when one of {@code element}'s annotation values refers to something not generated yet:
   * javac shows such a value as {@code "<error>"} (a constant of a missing class, {@code @Task(id =
   * Gen.ID)}) or as an error type.
   */
  private static boolean annotationsMentionMissing(Element element) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      if (valuesMentionMissing(annotation)) {
        return true;
      }
    }
    return false;
  }

  private static boolean valuesMentionMissing(AnnotationMirror annotation) {
    for (AnnotationValue value : annotation.getElementValues().values()) {
      if (mentionsMissing(value.getValue())) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsMissing(Object value) {
    if (value instanceof String text) {
      return text.equals("<error>");
    }
    if (value instanceof TypeMirror type) {
      return TypeFacts.containsError(type);
    }
    if (value instanceof AnnotationMirror nested) {
      return valuesMentionMissing(nested);
    }
    if (value instanceof List<?> values) {
      for (Object item : values) {
        if (item instanceof AnnotationValue annotationValue
            && mentionsMissing(annotationValue.getValue())) {
          return true;
        }
      }
    }
    return false;
  }
}
