package io.processflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;

import com.google.testing.compile.Compilation;
import io.processflow.processor.diagnostics.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the processor knows about outputs: a primitive {@code @From} of a task that may have no
 * output, operators that declare their output type, and outputs the run journal cannot store.
 */
class OutputChecksTest {

  @Test
  void primitiveFromOfATaskThatMayBeSkippedIsAnErrorWithTheFix() {
    JavaFileObject src =
        source(
            "JoinDag",
            """
            @Dag
            class JoinDag {
              @Branch @Task String pick() { return "left"; }
              @Task @DependsOn("pick") int left() { return 1; }
              @Task @DependsOn("pick") int right() { return 2; }
              @Task(triggerRule = TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS)
              void join(@From("left") Integer l,
                        @From("right") int r) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.FROM_PRIMITIVE_MAY_BE_MISSING.format(
                "right",
                "r",
                "join",
                "int",
                "join",
                "right",
                "its trigger rule none_failed_min_one_success runs it when another upstream task succeeded"
                    + " and 'right' was skipped (a branch not taken, a short circuit)",
                "java.lang.Integer",
                ", or use triggerRule = ALL_SUCCESS (the default) so that 'join' runs only after 'right'"
                    + " succeeded"))
        .inFile(src)
        .onLineContaining("@From(\"right\") int r");
  }

  @Test
  void primitiveFromOfAnUpstreamAllowedToFailIsAnErrorEvenUnderAllSuccess() {
    JavaFileObject src =
        source(
            "FlakyDag",
            """
            @Dag
            class FlakyDag {
              @Task(allowToFail = true) long flaky() { return 1L; }
              @Task void use(@From("flaky") long value) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/PrimitiveFrom] @From(\"flaky\") on parameter 'value' of use()")
        .inFile(src)
        .onLineContaining("@From(\"flaky\")");
    assertThat(compilation)
        .hadErrorContaining(
            "'flaky' is allowToFail, and its failure counts as a success downstream. Declare the parameter"
                + " as java.lang.Long and handle null, or remove allowToFail from task 'flaky'");
  }

  @Test
  void primitiveFromIsFineWhenTheRuleWaitsForThatUpstreamsSuccess() {
    JavaFileObject src =
        source(
            "SafeDag",
            """
            @Dag
            class SafeDag {
              @Task int one() { return 1; }
              @Task int two() { return 2; }
              @Task boolean flag() { return true; }
              @Task char letter() { return 'x'; }
              @Task void sum(@From("one") int a, @From("two") long b, @From("one") double c,
                             @From("flag") boolean f, @From("letter") char l, @From("letter") int code) {}
              @Task(triggerRule = TriggerRule.ONE_SUCCESS) void single(@From("one") int a) {}
              @Task(triggerRule = TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS) void alone(@From("two") int b) {}
              @Task(triggerRule = TriggerRule.ALL_DONE) void boxed(@From("one") Integer a, @From("two") Number b) {}
            }
            """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void aTypedOperatorsOutputTypeIsCheckedLikeAReturnType() {
    JavaFileObject src =
        source(
            "OperatorDag",
            """
            @Dag
            class OperatorDag {
              @Task TypedOperator<String> echo() { return ctx -> "hi"; }
              @Task TypedOperator<Void> nothing() { return ctx -> null; }
              @Task Operator untyped() { return ctx -> 1; }
              @Task void fine(@From("echo") String text, @From("echo") CharSequence chars, @From("untyped") Object any) {}
              @Task void wrongType(@From("echo") Integer number) {}
              @Task void noOutput(@From("nothing") Object value) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            Message.FROM_TYPE_MISMATCH.format(
                "echo",
                "number",
                "wrongType",
                "echo",
                "java.lang.String",
                "java.lang.Integer",
                "java.lang.String"))
        .inFile(src)
        .onLineContaining("void wrongType(");
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/FromType] @From(\"nothing\") on parameter 'value' of noOutput()")
        .inFile(src)
        .onLineContaining("void noOutput(");
  }

  @Test
  void theRuntimesOperatorsDeclareTheirOutputs() {
    JavaFileObject src =
        source(
            "BashDag",
            """
            import io.processflow.runtime.operators.*;

            @Dag
            class BashDag {
              @Task BashOperator bash() { return new BashOperator("echo hi"); }
              @Task BigQueryInsertJobOperator insert() { return new BigQueryInsertJobOperator(Map.of()); }
              @Task FileSensor wait() { return new FileSensor("in.csv"); }
              @Task EmptyOperator start() { return new EmptyOperator(); }
              @Task void use(@From("bash") String line, @From("insert") String jobId, @From("wait") String path) {}
              @Task void wrong(@From("bash") Integer number) {}
              @Task void none(@From("start") Object value) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "task 'bash' outputs java.lang.String, which is not assignable to the parameter's type java.lang.Integer")
        .inFile(src)
        .onLineContaining("void wrong(");
    assertThat(compilation)
        .hadErrorContaining("[ProcessFlow/FromType] @From(\"start\")")
        .inFile(src)
        .onLineContaining("void none(");
  }

  @Test
  void anOutputTheJournalCannotStoreIsAWarningNamingResumableFalse() {
    JavaFileObject src =
        source(
            "PlainDag",
            """
            @Dag
            class PlainDag {
              static class Order {
                private final String id;
                Order(String id) { this.id = id; }
                String id() { return id; }
              }
              record Line(String sku, int count) {}

              @Task Order order() { return new Order("o1"); }
              @Task(resumable = false) Order kept() { return new Order("o2"); }
              @Task List<Line> lines() { return List.of(new Line("a", 1)); }
              @Task Optional<String> maybe() { return Optional.empty(); }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation)
        .hadWarningContaining(
            Message.OUTPUT_NOT_JOURNALED.format(
                "order",
                "test.PlainDag.Order",
                "Order has no constructor without parameters, so Jackson cannot create one to read it back;"
                    + " make it a record, or add such a constructor with setters"))
        .inFile(src)
        .onLineContaining("Order order()");
    assertThat(compilation)
        .hadWarningContaining(
            "task 'maybe' outputs java.util.Optional<java.lang.String>, which the run journal cannot store")
        .inFile(src)
        .onLineContaining("Optional<String> maybe()");
  }

  @Test
  void journalWarningsLookInsideCollectionsMapsAndRecords() {
    JavaFileObject src =
        source(
            "NestedDag",
            """
            @Dag
            class NestedDag {
              static class Bean {
                private String name;
                public Bean() {}
                public String getName() { return name; }
                public void setName(String name) { this.name = name; }
              }
              static class Opaque {
                Opaque(int x) {}
              }
              record Key(String a, String b) {}
              record Holder(List<Opaque> items) {}

              @Task List<Bean> beans() { return List.of(); }
              @Task Map<String, Set<java.time.Instant>> times() { return Map.of(); }
              @Task Map<Key, String> byKey() { return Map.of(); }
              @Task Holder holder() { return new Holder(List.of()); }
              @Task int[] numbers() { return new int[0]; }
              @Task Object anything() { return null; }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation)
        .hadWarningContaining(
            "its keys: Key as a map key is written with toString() and cannot be read back")
        .inFile(src)
        .onLineContaining("Map<Key, String> byKey()");
    assertThat(compilation)
        .hadWarningContaining(
            "its component 'items': its elements: Opaque has no constructor without parameters")
        .inFile(src)
        .onLineContaining("Holder holder()");
  }
}
