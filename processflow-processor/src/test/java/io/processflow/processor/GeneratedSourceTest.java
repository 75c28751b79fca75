package io.processflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.processflow.processor.model.DagIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated source, compared with golden files in {@code src/test/resources/goldens}. After an
 * intended change of the output, rerun with {@code -Dgoldens.update=true} and review the diff.
 */
class GeneratedSourceTest {
  private static final JavaFileObject SMALL_DAG =
      source(
          "SmallDag",
          """
          /** Extract, two transforms in parallel, load. */
          @Dag(description = "A small ETL", maxActiveTasks = 2)
          public class SmallDag {
            @Task
            List<Integer> extract() {
              return List.of(1, 2, 3);
            }

            @Task(id = "sum")
            int total(@From("extract") List<Integer> values) {
              return values.stream().mapToInt(Integer::intValue).sum();
            }

            @Task(allowToFail = true)
            CompletionStage<String> describe(@From("extract") List<Integer> values, TaskContext ctx) {
              return CompletableFuture.completedFuture(ctx.runId() + ": " + values);
            }

            @Task
            @DependsOn({"sum", "describe"})
            void load(@From("sum") long total, @From("describe") String text, Store<RunState> store) {}

            @Task
            @DependsOn("load")
            static Operator report() {
              return ctx -> "done";
            }
          }
          """);

  @Test
  void smallDagMatchesItsGoldenFile() throws IOException {
    Compilation compilation = compile(SMALL_DAG);
    assertThat(compilation).succeededWithoutWarnings();
    String generated =
        compilation
            .generatedSourceFile("test.ProcessFlowSmallDag")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(generated).isEqualTo(golden("goldens/test/ProcessFlowSmallDag.java", generated));
  }

  private static final JavaFileObject OPTIONS_DAG =
      source(
          "OptionsDag",
          """
          /** Params, default args, per-task options, a branch and a short circuit. */
          @Dag(
              params = {
                @Param(name = "region", value = "eu", enums = {"eu", "us"}),
                @Param(name = "limit", value = "100", type = ParamType.INTEGER, minimum = 1, maximum = 1000,
                    description = "Rows per batch"),
                @Param(name = "days", type = ParamType.ARRAY)},
              retries = 2,
              retryDelay = "30s",
              retryExponentialBackoff = true,
              maxRetryDelay = "PT10M",
              executionTimeout = "1h",
              queue = "etl")
          public class OptionsDag {
            @Task
            @Branch
            String choose(TaskContext ctx) {
              return "eu".equals(ctx.params().get("region")) ? "local" : "remote";
            }

            @Task(retries = 0)
            @DependsOn("choose")
            void local() {}

            @Task(retryDelay = "1500ms", executionTimeout = "P1D", queue = "gpu")
            @DependsOn("choose")
            List<String> remote() {
              return List.of();
            }

            @Task(allowToFail = true, resumable = false, triggerRule = TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS)
            @ShortCircuit
            @DependsOn({"local", "remote"})
            boolean enough() {
              return true;
            }

            @Task(retryExponentialBackoff = true, maxRetryDelay = "90s", triggerRule = TriggerRule.ALL_SUCCESS)
            @DependsOn("enough")
            CompletionStage<Boolean> publish() {
              return CompletableFuture.completedFuture(true);
            }
          }
          """);

  @Test
  void optionsDagMatchesItsGoldenFile() throws IOException {
    Compilation compilation = compile(OPTIONS_DAG);
    assertThat(compilation).succeededWithoutWarnings();
    String generated =
        compilation
            .generatedSourceFile("test.ProcessFlowOptionsDag")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(generated).isEqualTo(golden("goldens/test/ProcessFlowOptionsDag.java", generated));
  }

  @Test
  void eachTaskDeclaresItsOutputTypeWithItsGenericsSoThatAResumeReadsNothingElse()
      throws IOException {
    JavaFileObject src =
        source(
            "TypedDag",
            """
            @Dag
            class TypedDag {
              record Item(String name) {}
              record Box<T>(T value) {}
              @Task Map<String, List<Item>> groups() { return Map.of(); }
              @Task CompletionStage<Box<Item>> boxed() { return CompletableFuture.completedFuture(null); }
              @Task List<? extends Number> numbers() { return List.of(); }
              @Task int[] counts() { return new int[0]; }
              @Task Object anything() { return null; }
              @Task static Operator operator() { return ctx -> "x"; }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeeded();
    String generated =
        compilation
            .generatedSourceFile("test.ProcessFlowTypedDag")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(generated)
        .contains(
            "\"groups\", new Tasks(instance, 0)).outputType(OutputType.parameterized(Map.class, String.class,"
                + " OutputType.parameterized(List.class, TypedDag.Item.class)));")
        .contains(
            "\"boxed\", new Tasks(instance, 1)).outputType(OutputType.parameterized(TypedDag.Box.class,"
                + " TypedDag.Item.class));")
        .contains(
            "\"numbers\", new Tasks(instance, 2)).outputType(OutputType.parameterized(List.class, Number.class));")
        .contains("\"counts\", new Tasks(instance, 3)).outputType(int[].class);")
        .contains("\"anything\", new Tasks(instance, 4));")
        .contains("\"operator\", new Tasks(instance, 5));");
  }

  @Test
  void failFastIsDeclaredOnTheBuilder() throws IOException {
    JavaFileObject src =
        source(
            "FastDag",
            """
            @Dag(failFast = true)
            class FastDag {
              @Task void a() {}
              @Task(triggerRule = TriggerRule.ALL_SUCCESS) @DependsOn("a") void b() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(
            compilation
                .generatedSourceFile("test.ProcessFlowFastDag")
                .orElseThrow()
                .getCharContent(true)
                .toString())
        .contains("    builder.failFast(true);\n")
        .doesNotContain("triggerRule");
  }

  @Test
  void nestedStatefulDagMatchesItsGoldenFile() throws IOException {
    JavaFileObject src =
        source(
            "Outer",
            """
            public class Outer {
              @Dag(id = "stateful")
              public static class Counter implements StatefulDag<Integer> {
                @Override public Reducer<Integer> reducer() { return (count, action) -> count + 1; }
                @Override public Integer initialState() { return 0; }
                @Task void only() {}
              }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    String generated =
        compilation
            .generatedSourceFile("test.ProcessFlowOuter_Counter")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(generated)
        .isEqualTo(golden("goldens/test/ProcessFlowOuter_Counter.java", generated));
  }

  @Test
  void everyGeneratedDagIsRegisteredAsAService() throws IOException {
    JavaFileObject other = source("OtherDag", "@Dag class OtherDag { @Task void a() {} }\n");
    Compilation compilation = compile(SMALL_DAG, other);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT,
            "META-INF/services/io.processflow.runtime.dsl.DagProvider")
        .contentsAsUtf8String()
        .isEqualTo("test.ProcessFlowOtherDag\ntest.ProcessFlowSmallDag\n");
  }

  @Test
  void aCleanDagWithEveryKindOfTaskCompilesWithoutWarnings() {
    JavaFileObject src =
        source(
            "CleanDag",
            """
            @Dag
            class CleanDag {
              @Task int count() { return 1; }
              @Task Integer boxed() { return 2; }
              @Task CompletableFuture<List<String>> names() { return CompletableFuture.completedFuture(List.of()); }
              @Task Operator operator(@From("count") int count) { return ctx -> count; }
              @Task void widen(@From("count") long asLong, @From("boxed") int unboxed, @From("count") Number number) {}
              @Task void wildcard(@From("names") List<? extends CharSequence> names, @From("names") Object any) {}
              @SuppressWarnings("rawtypes") @Task void raw(Store store, Store<?> any, TaskContext ctx, @From("operator") Object output) {}
              @Task static void staticTask() throws Exception {}
            }
            """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void defaultDagIdsAreSnakeCase() {
    assertThat(DagIds.snakeCase("MyEtl")).isEqualTo("my_etl");
    assertThat(DagIds.snakeCase("TestDag")).isEqualTo("test_dag");
    assertThat(DagIds.snakeCase("ETLJob")).isEqualTo("etl_job");
    assertThat(DagIds.snakeCase("Etl2Warehouse")).isEqualTo("etl2_warehouse");
    assertThat(DagIds.snakeCase("dag")).isEqualTo("dag");
  }

  /** The golden file's text, or {@code actual} written as the new golden file when updating. */
  private static String golden(String resource, String actual) throws IOException {
    if (Boolean.getBoolean("goldens.update")) {
      Path file = Path.of("src/test/resources").resolve(resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return actual;
    }
    try (InputStream in =
        GeneratedSourceTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(
            "no golden file " + resource + "; run with -Dgoldens.update=true to create it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
