package io.processflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;

import com.google.testing.compile.Compilation;
import io.processflow.processor.diagnostics.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Cases a review found: a private type behind @From, and annotation values naming generated types.
 */
class ReviewFindingsTest {
  @Test
  void aFromParameterOfAPrivateTypeIsAnErrorNotBrokenGeneratedCode() {
    JavaFileObject src =
        source(
            "PrivateDag",
            """
            @Dag
            class PrivateDag {
              private static final class Secret {}
              @Task List<Secret> make() { return List.of(new Secret()); }
              @Task void use(@From("make") List<Secret> secrets) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.FROM_PRIVATE_TYPE.format(
                "secrets",
                "use",
                "java.util.List<test.PrivateDag.Secret>",
                "test.PrivateDag.Secret",
                "Secret"))
        .inFile(src)
        .onLineContaining("@From(\"make\")");
  }

  /** Generates {@code test.Gen} with a constant in the first round, as another processor would. */
  static final class GenProcessor extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("test.Gen").openWriter()) {
          writer.write(
              "package test;\npublic final class Gen {\n  public static final String ID = \"generated_id\";\n}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aTaskIdFromAConstantOfAGeneratedClassIsDeferredUntilTheClassExists() {
    JavaFileObject src =
        source(
            "DeferredDag",
            """
            @Dag
            class DeferredDag {
              @Task(id = Gen.ID) String first() { return "x"; }
              @Task void second(@From(Gen.ID) String value) {}
            }
            """);
    Compilation compilation =
        javac().withProcessors(new DagProcessor(), new GenProcessor()).compile(src);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("test.ProcessFlowDeferredDag")
        .contentsAsUtf8String()
        .contains("builder.task(\"generated_id\"");
  }
}
