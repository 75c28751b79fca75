package io.processflow.processor;

import com.google.auto.service.AutoService;
import io.processflow.api.Branch;
import io.processflow.api.Dag;
import io.processflow.api.DependsOn;
import io.processflow.api.From;
import io.processflow.api.ShortCircuit;
import io.processflow.api.Task;
import io.processflow.processor.diagnostics.Location;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.diagnostics.Reporter;
import io.processflow.processor.model.TypeFacts;
import io.processflow.processor.validation.MisplacedAnnotationValidator;
import io.processflow.processor.writing.ServiceRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Checks every {@code @Dag} class and generates {@code ProcessFlow<Name>} for each valid one; see
 * {@link DagStep} for the stages. One bad DAG never stops the others, no exception escapes {@link
 * #process}, and a DAG that mentions a type not generated yet waits for a later round.
 */
@AutoService(Processor.class)
public final class DagProcessor extends AbstractProcessor {
  private final ServiceRegistry registry = new ServiceRegistry();

  /** Qualified names of the DAG classes deferred to the next round. */
  private Set<String> deferred = new LinkedHashSet<>();

  private Reporter reporter;
  private DagStep step;

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    reporter = new Reporter(environment.getMessager());
    if (environment.getElementUtils().getTypeElement(Dag.class.getCanonicalName()) == null) {
      // processflow-api is not on this compilation's classpath, so nothing here can be a @Dag:
      // stay idle instead of failing every compilation of a module that lists the processor.
      return;
    }
    TypeFacts facts = new TypeFacts(environment.getElementUtils(), environment.getTypeUtils());
    step =
        new DagStep(
            reporter, facts, environment.getElementUtils(), environment.getFiler(), registry);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Dag.class.getCanonicalName(),
        Task.class.getCanonicalName(),
        DependsOn.class.getCanonicalName(),
        From.class.getCanonicalName(),
        Branch.class.getCanonicalName(),
        ShortCircuit.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (step == null) {
      return false;
    }
    guard(null, () -> new MisplacedAnnotationValidator(reporter).validate(round));
    Set<TypeElement> dags = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        dags.add(type);
      }
    }
    for (Element element : round.getElementsAnnotatedWith(Dag.class)) {
      dags.add((TypeElement) element);
    }
    Set<String> nextDeferred = new LinkedHashSet<>();
    for (TypeElement dag : dags) {
      guard(
          dag,
          () -> {
            if (step.process(dag) == DagStep.Outcome.DEFERRED) {
              nextDeferred.add(dag.getQualifiedName().toString());
            }
          });
    }
    deferred = nextDeferred;
    if (round.processingOver()) {
      // DAGs still deferred mention types that never appeared: javac reports those itself.
      guard(null, () -> registry.write(processingEnv.getFiler(), processingEnv.getElementUtils()));
    }
    return false;
  }

  private interface Work {
    void run() throws Exception;
  }

  /**
   * Runs {@code work}, turning any exception into an error on {@code element} (AutoService's
   * guard).
   */
  private void guard(Element element, Work work) {
    try {
      work.run();
    } catch (Exception | LinkageError | AssertionError e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      String what = element == null ? "this compilation" : element.toString();
      reporter.error(Location.of(element), Message.INTERNAL_ERROR, what, trace);
    }
  }
}
