package io.processflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.processflow.processor.diagnostics.Message;
import io.processflow.processor.testing.Javac;
import io.processflow.processor.testing.Sources;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated class name that another type already has: {@code Outer.Foo} and a top-level {@code
 * Outer_Foo} both generate {@code ProcessFlowOuter_Foo}.
 */
class GeneratedNameTest {
  private static final String OUTER =
      """
      public class Outer {
        @Dag(id = "nested")
        public static class Foo {
          @Task void a() {}
        }
      }
      """;
  private static final String OUTER_FOO =
      """
      @Dag(id = "top_level")
      public class Outer_Foo {
        @Task void a() {}
      }
      """;

  @Test
  void aNestedAndATopLevelClassWithTheSameGeneratedNameIsAnErrorOnTheSecondDag() {
    JavaFileObject outer = source("Outer", OUTER);
    JavaFileObject outerFoo = source("Outer_Foo", OUTER_FOO);
    Compilation compilation = compile(outer, outerFoo);

    assertClashWithOuterFoo(compilation, outerFoo, "@Dag(id = \"top_level\")");
  }

  @Test
  void aDagDeferredToALaterRoundStillSeesTheNameTheFirstRoundGenerated() {
    JavaFileObject outer = source("Outer", OUTER);
    // Gen.ID exists from the second round on, so this DAG is processed after Outer.Foo was written.
    JavaFileObject outerFoo =
        source(
            "Outer_Foo", "@Dag(id = Gen.ID)\npublic class Outer_Foo {\n  @Task void a() {}\n}\n");
    Compilation compilation =
        javac()
            .withOptions(Sources.LINT)
            .withProcessors(new DagProcessor(), new ReviewFindingsTest.GenProcessor())
            .compile(outer, outerFoo);

    assertClashWithOuterFoo(compilation, outerFoo, "@Dag(id = Gen.ID)");
  }

  @Test
  void aHandWrittenClassWithTheGeneratedNameIsAnErrorOnTheDag() {
    JavaFileObject taken = source("ProcessFlowReport", "public class ProcessFlowReport {}\n");
    JavaFileObject report =
        source("Report", "@Dag\npublic class Report {\n  @Task void a() {}\n}\n");
    Compilation compilation = compile(taken, report);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.GENERATED_NAME_TAKEN.format("test.Report", "test.ProcessFlowReport", "Report"))
        .inFile(report)
        .onLineContaining("@Dag");
  }

  @Test
  void aClassGeneratedByAnEarlierCompilationForAnotherDagIsAClash(@TempDir Path dir)
      throws IOException {
    Path classes = Javac.compile(dir, Map.of("test.Outer", header() + OUTER), true);
    JavaFileObject outerFoo = source("Outer_Foo", OUTER_FOO);
    Compilation compilation = compileAgainst(classes, outerFoo);

    assertClashWithOuterFoo(compilation, outerFoo, "@Dag(id = \"top_level\")");
  }

  @Test
  void recompilingADagAgainstItsOwnEarlierOutputIsFine(@TempDir Path dir) throws IOException {
    Path classes = Javac.compile(dir, Map.of("test.Outer", header() + OUTER), true);
    Compilation compilation = compileAgainst(classes, source("Outer", OUTER));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.ProcessFlowOuter_Foo");
  }

  @Test
  void aLeftoverOfAnEarlierBuildWhoseDagClassIsGoneIsReplaced(@TempDir Path dir)
      throws IOException {
    Path classes = Javac.compile(dir, Map.of("test.Outer", header() + OUTER), true);
    // Outer.Foo was deleted, but its generated class is still in the output directory.
    Files.delete(classes.resolve("test/Outer.class"));
    Files.delete(classes.resolve("test/Outer$Foo.class"));
    assertThat(classes.resolve("test/ProcessFlowOuter_Foo.class")).exists();

    Compilation compilation = compileAgainst(classes, source("Outer_Foo", OUTER_FOO));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("test.ProcessFlowOuter_Foo")
        .contentsAsUtf8String()
        .contains("DAG_ID = \"top_level\"");
  }

  /**
   * The one error: Outer_Foo's class would be Outer.Foo's, reported on Outer_Foo's {@code @Dag}.
   */
  private static void assertClashWithOuterFoo(
      Compilation compilation, JavaFileObject outerFoo, String dagLine) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.GENERATED_NAME_CLASH.format(
                "test.Outer_Foo", "test.ProcessFlowOuter_Foo", "test.Outer.Foo"))
        .inFile(outerFoo)
        .onLineContaining(dagLine);
  }

  /** What {@link Sources#source} puts before a body, for {@link Javac}, which takes whole files. */
  private static String header() {
    return "package test;\n\nimport io.processflow.api.*;\n\n";
  }

  private static Compilation compileAgainst(Path classes, JavaFileObject... sources) {
    List<File> classpath = new ArrayList<>();
    classpath.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return javac()
        .withOptions(Sources.LINT)
        .withClasspath(classpath)
        .withProcessors(new DagProcessor())
        .compile(sources);
  }
}
