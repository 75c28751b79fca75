package io.processflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;

import com.google.testing.compile.Compilation;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.processor.diagnostics.Message;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every diagnostic: its message (from the catalogue), its file and its line. */
class DiagnosticsTest {

  @Test
  void cycleIsReportedOnceWithItsWholePathOnTheReferenceThatClosesIt() {
    JavaFileObject src =
        source(
            "CycleDag",
            """
            @Dag
            class CycleDag {
              @Task
              @DependsOn("c")
              void a() {}
              @Task
              @DependsOn("a")
              void b() {}
              @Task void c(@From("b") String fromB) {}
              @Task String ok() { return ""; }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/Cycle] Found a dependency cycle: a -> b -> c -> a; remove one of these"
                + " @DependsOn/@From dependencies")
        .inFile(src)
        .onLineContaining("@DependsOn(\"c\")");
    // b returns nothing, so c's @From is also wrong: reported in the same pass.
    assertThat(compilation)
        .hadErrorContaining("[ProcessFlow/FromType]")
        .inFile(src)
        .onLineContaining("@From(\"b\")");
  }

  @Test
  void cycleThroughFromIsFoundToo() {
    JavaFileObject src =
        source(
            "FromCycleDag",
            """
            @Dag
            class FromCycleDag {
              @Task String first(@From("second") String s) { return s; }
              @Task String second(@From("first") String f) { return f; }
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            Message.CYCLE.format("first -> second -> first", "@DependsOn/@From dependencies"))
        .inFile(src)
        .onLineContaining("@From(\"second\")");
  }

  @Test
  void taskThatDependsOnItself() {
    JavaFileObject src =
        source(
            "SelfDag",
            """
            @Dag
            class SelfDag {
              @Task
              @DependsOn({"other", "loop"})
              void loop() {}
              @Task void other() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.SELF_DEPENDENCY.format("loop", "its @DependsOn", "remove 'loop' from it"))
        .inFile(src)
        .onLineContaining("@DependsOn({\"other\", \"loop\"})");
  }

  @Test
  void unknownIdInDependsOnSuggestsTheClosestId() {
    JavaFileObject src =
        source(
            "UnknownDag",
            """
            @Dag
            class UnknownDag {
              @Task void extract() {}
              @Task
              @DependsOn({
                "extract",
                "extrct"
              })
              void load() {}
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            "[ProcessFlow/UnknownTask] @DependsOn of task 'load' names unknown task 'extrct'; did you"
                + " mean 'extract'?")
        .inFile(src)
        .onLineContaining("\"extrct\"");
  }

  /** The closest id is never the referencing task itself: following it would be a self-edge. */
  @Test
  void unknownIdIsNotSuggestedAsTheTaskThatNamesIt() {
    JavaFileObject src =
        source(
            "SelfHintDag",
            """
            @Dag
            class SelfHintDag {
              @Task void b(@From("a") String value) {}
              @Task void load() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/UnknownTask] @From(\"a\") of task 'b' names unknown task 'a'");
    for (var error : compilation.errors()) {
      if (error.getMessage(Locale.ROOT).contains("did you mean 'b'")) {
        throw new AssertionError("suggested the referencing task itself: " + error);
      }
    }
  }

  @Test
  void unknownIdInFromSuggestsTheClosestId() {
    JavaFileObject src =
        source(
            "UnknownFromDag",
            """
            @Dag
            class UnknownFromDag {
              @Task List<Integer> numbers() { return List.of(1); }
              @Task void sum(@From("numbrs") List<Integer> values) {}
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            Message.UNKNOWN_TASK.format(
                "@From(\"numbrs\") of task 'sum'", "numbrs", "did you mean 'numbers'?"))
        .inFile(src)
        .onLineContaining("@From(\"numbrs\")");
  }

  @Test
  void unknownIdWithNothingCloseListsTheIds() {
    JavaFileObject src =
        source(
            "FarDag",
            """
            @Dag
            class FarDag {
              @Task void alpha() {}
              @Task @DependsOn("zzzzzzzz") void beta() {}
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            Message.UNKNOWN_TASK.format(
                "@DependsOn of task 'beta'", "zzzzzzzz", "the DAG's task ids are alpha, beta"))
        .inFile(src)
        .onLineContaining("@DependsOn(\"zzzzzzzz\")");
  }

  @Test
  void duplicateTaskIds() {
    JavaFileObject src =
        source(
            "DuplicateDag",
            """
            @Dag
            class DuplicateDag {
              @Task(id = "load") void loadOne() {}
              @Task(id = "load") void loadTwo() {}
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            "[ProcessFlow/DuplicateId] duplicate task id 'load': declared by loadOne() and by loadTwo();"
                + " task ids must be unique within a DAG, set @Task(id = ...) on one of them")
        .inFile(src)
        .onLineContaining("void loadTwo()");
  }

  @Test
  void blankAndMalformedTaskIds() {
    JavaFileObject src =
        source(
            "BadIdDag",
            """
            @Dag
            class BadIdDag {
              @Task(id = " ") void blank() {}
              @Task(id = "bad id!") void malformed() {}
              @Task void dollar$sign() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            Message.TASK_ID_BLANK.format(
                "blank()", "set @Task(id = ...) to an id, or leave it out to use the method name"))
        .inFile(src)
        .onLineContaining("void blank()");
    assertThat(compilation)
        .hadErrorContaining(
            Message.TASK_ID_INVALID.format(
                "bad id!", "malformed()", TaskIds.RULE, "set @Task(id = ...) to a valid id"))
        .inFile(src)
        .onLineContaining("void malformed()");
    assertThat(compilation)
        .hadErrorContaining(
            Message.TASK_ID_INVALID.format(
                "dollar$sign", "dollar$sign()", TaskIds.RULE, "set @Task(id = ...) to a valid id"))
        .inFile(src)
        .onLineContaining("void dollar$sign()");
  }

  @Test
  void dagIdsThatWouldEscapeTheRunsDirectoryAreRejectedOnTheirValue() {
    for (String id : new String[] {"..", ".", "x".repeat(251)}) {
      JavaFileObject src =
          source(
              "EscapingDagId",
              "@Dag(id = \"" + id + "\")\nclass EscapingDagId {\n  @Task void a() {}\n}\n");
      assertThat(compile(src))
          .hadErrorContaining(
              Message.DAG_ID_INVALID.format(id, " of test.EscapingDagId", TaskIds.RULE))
          .inFile(src)
          .onLineContaining("@Dag(id = \"" + id + "\")");
    }
  }

  @Test
  void taskIdDotDotIsRejectedOnItsValue() {
    JavaFileObject src =
        source(
            "DotTask",
            """
            @Dag
            class DotTask {
              @Task(id = "..") void a() {}
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            Message.TASK_ID_INVALID.format(
                "..", "a()", TaskIds.RULE, "set @Task(id = ...) to a valid id"))
        .inFile(src)
        .onLineContaining("@Task(id = \"..\")");
  }

  @Test
  void malformedDagId() {
    JavaFileObject src =
        source(
            "BadDagId",
            """
            @Dag(id = "my dag")
            class BadDagId {
              @Task void a() {}
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            "[ProcessFlow/InvalidId] DAG id 'my dag' of test.BadDagId is invalid: " + TaskIds.RULE)
        .inFile(src)
        .onLineContaining("@Dag(id = \"my dag\")");
  }

  @Test
  void duplicateDagIds() {
    JavaFileObject first =
        source("FirstDag", "@Dag(id = \"same\") class FirstDag { @Task void a() {} }\n");
    JavaFileObject second =
        source("SecondDag", "@Dag(id = \"same\") class SecondDag { @Task void a() {} }\n");
    assertThat(compile(first, second))
        .hadErrorContaining(
            Message.DAG_ID_DUPLICATE.format("same", "test.SecondDag", "test.FirstDag"))
        .inFile(second)
        .onLineContaining("class SecondDag");
  }

  @Test
  void fromAnUpstreamThatReturnsNothing() {
    JavaFileObject src =
        source(
            "NoOutputDag",
            """
            @Dag
            class NoOutputDag {
              @Task void nothing() {}
              @Task CompletionStage<Void> later() { return CompletableFuture.completedFuture(null); }
              @Task void first(@From("nothing") String value) {}
              @Task void second(@From("later") Object value) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(
            Message.FROM_NO_OUTPUT.format(
                "nothing", "value", "first", "nothing", "returns void", "nothing"))
        .inFile(src)
        .onLineContaining("@From(\"nothing\")");
    assertThat(compilation)
        .hadErrorContaining(
            Message.FROM_NO_OUTPUT.format(
                "later",
                "value",
                "second",
                "later",
                "returns java.util.concurrent.CompletionStage<java.lang.Void>",
                "later"))
        .inFile(src)
        .onLineContaining("@From(\"later\")");
  }

  @Test
  void fromWithATypeThatIsNotAssignable() {
    JavaFileObject src =
        source(
            "MismatchDag",
            """
            @Dag
            class MismatchDag {
              @Task List<String> names() { return List.of(); }
              @Task CompletableFuture<List<String>> later() { return null; }
              @Task void numbers(@From("names") List<Integer> values) {}
              @Task void asyncNumbers(@From("later") List<Integer> values) {}
              @Task void text(@From("names") String value) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            Message.FROM_TYPE_MISMATCH.format(
                "names",
                "values",
                "numbers",
                "names",
                "java.util.List<java.lang.String>",
                "java.util.List<java.lang.Integer>",
                "java.util.List<java.lang.String>"))
        .inFile(src)
        .onLineContaining("void numbers(");
    assertThat(compilation)
        .hadErrorContaining(
            "task 'later' outputs java.util.List<java.lang.String>, which is not assignable")
        .inFile(src)
        .onLineContaining("void asyncNumbers(");
    assertThat(compilation)
        .hadErrorContaining("not assignable to the parameter's type java.lang.String")
        .inFile(src)
        .onLineContaining("void text(");
  }

  @Test
  void privateAbstractAndGenericTaskMethods() {
    JavaFileObject src =
        source(
            "MethodsDag",
            """
            @Dag
            abstract class MethodsDag {
              @Task private void hidden() {}
              @Task abstract void bodiless();
              @Task <T> T generic() { return null; }
              @Task void thrower() throws Throwable {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation)
        .hadErrorContaining(Message.DAG_ABSTRACT.format("test.MethodsDag"))
        .inFile(src)
        .onLineContaining("abstract class MethodsDag");
    assertThat(compilation)
        .hadErrorContaining(Message.TASK_PRIVATE.format("hidden"))
        .inFile(src)
        .onLineContaining("void hidden()");
    assertThat(compilation)
        .hadErrorContaining(Message.TASK_ABSTRACT.format("bodiless"))
        .inFile(src)
        .onLineContaining("void bodiless()");
    assertThat(compilation)
        .hadErrorContaining(Message.TASK_GENERIC.format("generic", "<T>"))
        .inFile(src)
        .onLineContaining("T generic()");
    assertThat(compilation)
        .hadErrorContaining(Message.TASK_THROWS_THROWABLE.format("thrower", "java.lang.Throwable"))
        .inFile(src)
        .onLineContaining("void thrower()");
  }

  @Test
  void parameterThatIsNeitherContextStoreNorFrom() {
    JavaFileObject src =
        source(
            "ParamsDag",
            """
            @Dag
            class ParamsDag {
              @Task void fine(TaskContext context, Store<RunState> store, Store raw) {}
              @Task void wrong(TaskContext context,
                  String loose,
                  Store<String> otherStore) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Message.PARAMETER_KIND.format("loose", "wrong", "java.lang.String"))
        .inFile(src)
        .onLineContaining("String loose");
    assertThat(compilation)
        .hadErrorContaining(
            Message.PARAMETER_KIND.format(
                "otherStore", "wrong", "io.processflow.api.store.Store<java.lang.String>"))
        .inFile(src)
        .onLineContaining("Store<String> otherStore");
  }

  @Test
  void dagClassThatIsInner() {
    JavaFileObject src =
        source(
            "Outer",
            """
            class Outer {
              @Dag
              class InnerDag {
                @Task void a() {}
              }
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(
            Message.DAG_INNER_CLASS.format(
                "test.Outer.InnerDag", "an inner (non-static nested) class"))
        .inFile(src)
        .onLineContaining("class InnerDag");
  }

  @Test
  void dagClassWithoutACallableConstructor() {
    JavaFileObject src =
        source(
            "NoConstructorDag",
            """
            @Dag
            class NoConstructorDag {
              private NoConstructorDag() {}
              NoConstructorDag(String name) {}
              @Task void a() {}
            }
            """);
    assertThat(compile(src))
        .hadErrorContaining(Message.DAG_NO_CONSTRUCTOR.format("test.NoConstructorDag"))
        .inFile(src)
        .onLineContaining("class NoConstructorDag");
  }

  @Test
  void dagOnSomethingOtherThanAClass() {
    JavaFileObject src = source("InterfaceDag", "@Dag\ninterface InterfaceDag {}\n");
    assertThat(compile(src))
        .hadErrorContaining(Message.DAG_NOT_A_CLASS.format("test.InterfaceDag", "an interface"))
        .inFile(src)
        .onLineContaining("interface InterfaceDag");
  }

  @Test
  void privateNestedAndGenericDagClasses() {
    JavaFileObject src =
        source(
            "Holder",
            """
            class Holder {
              @Dag
              private static class PrivateDag {
                @Task void a() {}
              }
              @Dag
              static class GenericDag<T> {
                @Task void a() {}
              }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation)
        .hadErrorContaining(Message.DAG_PRIVATE.format("test.Holder.PrivateDag"))
        .inFile(src)
        .onLineContaining("class PrivateDag");
    assertThat(compilation)
        .hadErrorContaining(Message.DAG_GENERIC.format("test.Holder.GenericDag", "<T>"))
        .inFile(src)
        .onLineContaining("class GenericDag");
  }

  @Test
  void taskDependsOnAndFromOutsideTheirPlace() {
    JavaFileObject src =
        source(
            "Loose",
            """
            class Loose {
              @Task void orphan() {}
              @DependsOn("x") void notATask() {}
              void alsoNotATask(@From("x") String value) {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(Message.TASK_OUTSIDE_DAG.format("orphan", "Loose", "Loose"))
        .inFile(src)
        .onLineContaining("void orphan()");
    assertThat(compilation)
        .hadErrorContaining(Message.DEPENDS_ON_WITHOUT_TASK.format("notATask"))
        .inFile(src)
        .onLineContaining("void notATask()");
    assertThat(compilation)
        .hadErrorContaining(Message.FROM_WITHOUT_TASK.format("value", "alsoNotATask"))
        .inFile(src)
        .onLineContaining("void alsoNotATask(");
  }

  @Test
  void everyProblemIsReportedInOnePassAndOneBadDagDoesNotStopTheOthers() {
    JavaFileObject bad =
        source(
            "ManyProblemsDag",
            """
            @Dag
            class ManyProblemsDag {
              @Task @DependsOn("b") void a() {}
              @Task @DependsOn("a") void b() {}
              @Task @DependsOn("nope") void c() {}
              @Task private void d(String s) {}
            }
            """);
    JavaFileObject good = source("GoodDag", "@Dag class GoodDag { @Task void a() {} }\n");
    // Compiles only if ProcessFlowGoodDag was generated despite the errors of ManyProblemsDag.
    JavaFileObject user =
        source("UsesGood", "class UsesGood { Object dag = ProcessFlowGoodDag.dag(); }\n");
    Compilation compilation = compile(bad, good, user);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining("[ProcessFlow/Cycle]").inFile(bad).onLine(10);
    assertThat(compilation).hadErrorContaining("[ProcessFlow/UnknownTask]").inFile(bad).onLine(12);
    assertThat(compilation).hadErrorContaining("is private").inFile(bad).onLine(13);
    assertThat(compilation).hadErrorContaining("parameter 's'").inFile(bad).onLine(13);
  }
}
