package io.processflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;

import com.google.testing.compile.Compilation;
import io.processflow.api.internal.Durations;
import io.processflow.api.internal.graph.TaskIds;
import io.processflow.api.internal.graph.TaskQueues;
import io.processflow.processor.diagnostics.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics of params, task options, fail-fast, branches and short circuits: message (from
 * the catalogue), file and line of the offending annotation value.
 */
class OptionsDiagnosticsTest {

  @Test
  void malformedDurationsOnTaskAndDag() {
    JavaFileObject src =
        source(
            "DurationDag",
            """
            @Dag(
                executionTimeout = "an hour")
            class DurationDag {
              @Task(
                  retries = 1,
                  retryDelay = "5 minutes")
              void a() {}
              @Task(maxRetryDelay = "-PT1S") void b() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            Message.DURATION_MALFORMED.format(
                "executionTimeout", "an hour", "DAG 'duration_dag'", Durations.FORMATS))
        .inFile(src)
        .onLineContaining("\"an hour\"");
    assertThat(compilation)
        .hadErrorContaining(
            Message.DURATION_MALFORMED.format(
                "retryDelay", "5 minutes", "task 'a'", Durations.FORMATS))
        .inFile(src)
        .onLineContaining("\"5 minutes\"");
    assertThat(compilation)
        .hadErrorContaining(
            Message.DURATION_MALFORMED.format(
                "maxRetryDelay", "-PT1S", "task 'b'", Durations.FORMATS))
        .inFile(src)
        .onLineContaining("\"-PT1S\"");
  }

  @Test
  void badQueueNamesOnTaskAndDagLandOnTheValue() {
    JavaFileObject src =
        source(
            "QueueNameDag",
            """
            @Dag(
                queue = "a,b")
            class QueueNameDag {
              @Task(
                  queue = " ")
              void a() {}
              @Task(queue = "gpu\\t1") void b() {}
              @Task(queue = "gpu-1.large_A") void fine() {}
              @Task(queue = "") void unset() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            Message.QUEUE_INVALID.format("a,b", "DAG 'queue_name_dag'", TaskQueues.RULE))
        .inFile(src)
        .onLineContaining("\"a,b\"");
    assertThat(compilation)
        .hadErrorContaining(Message.QUEUE_INVALID.format(" ", "task 'a'", TaskQueues.RULE))
        .inFile(src)
        .onLineContaining("\" \"");
    assertThat(compilation)
        .hadErrorContaining(
            Message.QUEUE_INVALID.format("gpu\\u00091", "task 'b'", TaskQueues.RULE))
        .inFile(src)
        .onLineContaining("void b()");
  }

  @Test
  void zeroDuration() {
    JavaFileObject src =
        source(
            "ZeroDag",
            """
            @Dag
            class ZeroDag {
              @Task(
                  executionTimeout = "0s")
              void a() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.DURATION_ZERO.format("executionTimeout", "0s", "task 'a'", "executionTimeout"))
        .inFile(src)
        .onLineContaining("\"0s\"");
  }

  @Test
  void negativeRetriesButTheUnsetMarkersWrittenOutAreFine() {
    JavaFileObject src =
        source(
            "RetriesDag",
            """
            @Dag(
                retries = -1, retryDelay = "")
            class RetriesDag {
              @Task(id = "t",
                  retries = -3)
              void a() {}
              @Task(retries = 0) void b() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(Message.RETRIES_NEGATIVE.format(-3, "task 't'"))
        .inFile(src)
        .onLineContaining("retries = -3");
  }

  @Test
  void failFastAllowsOnlyAllSuccess() {
    JavaFileObject src =
        source(
            "FastDag",
            """
            @Dag(failFast = true)
            class FastDag {
              @Task void a() {}
              @Task(
                  triggerRule = TriggerRule.ONE_FAILED)
              @DependsOn("a")
              void cleanup() {}
              @Task(triggerRule = TriggerRule.ALL_SUCCESS) @DependsOn("a") void fine() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/FailFast] task 'cleanup' has triggerRule = ONE_FAILED, but DAG 'fast_dag' is"
                + " failFast, which allows only ALL_SUCCESS (Airflow 3's fail_fast); remove the triggerRule"
                + " or failFast")
        .inFile(src)
        .onLineContaining("TriggerRule.ONE_FAILED");
  }

  @Test
  void otherTriggerRulesAreFineWithoutFailFast() {
    JavaFileObject src =
        source(
            "RulesDag",
            """
            @Dag
            class RulesDag {
              @Task void a() {}
              @Task(triggerRule = TriggerRule.ALL_DONE) @DependsOn("a") void b() {}
            }
            """);
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void branchMustReturnTaskIds() {
    JavaFileObject src =
        source(
            "BranchDag",
            """
            @Dag
            class BranchDag {
              @Branch @Task(id = "counter")
              int count() { return 1; }
              @Task @Branch String one() { return "x"; }
              @Task @Branch Set<String> some() { return Set.of(); }
              @Task @Branch CompletionStage<List<String>> later() { return CompletableFuture.completedFuture(List.of()); }
              @Task @Branch CompletableFuture<String> soon() { return CompletableFuture.completedFuture("x"); }
              @Task @DependsOn({"counter", "one", "some", "later", "soon"}) void x() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(Message.BRANCH_RETURN_TYPE.format("count", "int"))
        .inFile(src)
        .onLineContaining("@Branch @Task(id = \"counter\")");
  }

  @Test
  void branchReturningAListOfSomethingElse() {
    JavaFileObject src =
        source(
            "BranchListDag",
            """
            @Dag
            class BranchListDag {
              @Task @Branch List<Integer> numbers() { return List.of(); }
              @Task @Branch void nothing() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            Message.BRANCH_RETURN_TYPE.format("numbers", "java.util.List<java.lang.Integer>"))
        .inFile(src)
        .onLineContaining("numbers()");
    assertThat(compilation)
        .hadErrorContaining(Message.BRANCH_RETURN_TYPE.format("nothing", "void"))
        .inFile(src)
        .onLineContaining("nothing()");
  }

  @Test
  void shortCircuitReturnsACondition() {
    JavaFileObject src =
        source(
            "ShortDag",
            """
            @Dag
            class ShortDag {
              @Task @ShortCircuit void nothing() {}
              @Task @ShortCircuit CompletionStage<Void> nothingLater() { return CompletableFuture.completedFuture(null); }
              @Task @ShortCircuit String text() { return ""; }
              @Task @ShortCircuit List<String> rows() { return List.of(); }
              @Task @ShortCircuit boolean primitive() { return true; }
              @Task @ShortCircuit Boolean boxed() { return true; }
              @Task @ShortCircuit CompletionStage<Boolean> later() { return CompletableFuture.completedFuture(true); }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Message.SHORT_CIRCUIT_RETURN_TYPE.format("nothing", "void"))
        .inFile(src)
        .onLineContaining("void nothing()");
    assertThat(compilation)
        .hadErrorContaining(
            Message.SHORT_CIRCUIT_RETURN_TYPE.format(
                "nothingLater", "java.util.concurrent.CompletionStage<java.lang.Void>"))
        .inFile(src)
        .onLineContaining("nothingLater()");
  }

  @Test
  void branchAndShortCircuitTogetherOrWithoutTask() {
    JavaFileObject src =
        source(
            "KindDag",
            """
            @Dag
            class KindDag {
              @Task @Branch
              @ShortCircuit
              String both() { return "x"; }
              @Branch String notATask() { return "x"; }
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Message.BRANCH_AND_SHORT_CIRCUIT.format("both"))
        .inFile(src)
        .onLineContaining("@ShortCircuit");
    assertThat(compilation)
        .hadErrorContaining(Message.MARKER_WITHOUT_TASK.format("Branch", "notATask", "Branch"))
        .inFile(src)
        .onLineContaining("notATask()");
  }

  @Test
  void invalidAndDuplicateParamNames() {
    JavaFileObject src =
        source(
            "ParamsDag",
            """
            @Dag(params = {
                @Param(name = "region", value = "eu"),
                @Param(name = "bad name"),
                @Param(name = "region", value = "us")})
            class ParamsDag {
              @Task void a() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            Message.PARAM_NAME_INVALID.format(
                "bad name", "test.ParamsDag", TaskIds.RULE.replace("ids", "names")))
        .inFile(src)
        .onLineContaining("\"bad name\"");
    assertThat(compilation)
        .hadErrorContaining(Message.PARAM_DUPLICATE.format("region", "test.ParamsDag"))
        .inFile(src)
        .onLineContaining("value = \"us\"");
  }

  @Test
  void typedParamDeclarationsAreCheckedOnTheOffendingValue() {
    JavaFileObject src =
        source(
            "TypedParamsDag",
            """
            @Dag(params = {
                @Param(name = "limit", type = ParamType.INTEGER,
                    value = "12x"),
                @Param(name = "ratio", type = ParamType.NUMBER, maximum = 1,
                    minimum = 5),
                @Param(name = "region", enums = {"eu", "us"},
                    value = "mars"),
                @Param(name = "days", type = ParamType.ARRAY,
                    value = "[1, 2"),
                @Param(name = "flag", type = ParamType.BOOLEAN,
                    enums = {"true"}),
                @Param(name = "n", type = ParamType.INTEGER, maximum = 10,
                    value = "50"),
                @Param(name = "label",
                    minimum = 0),
                @Param(name = "ok", type = ParamType.INTEGER, description = "required: no default"),
                @Param(name = "fine", type = ParamType.OBJECT, value = "{\\"eu\\": [1, 2.5, null]}")})
            class TypedParamsDag {
              @Task void a() {}
            }
            """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(7);
    assertThat(compilation)
        .hadErrorContaining(
            "[ProcessFlow/Param] default '12x' of param 'limit' is not an integer (a whole number such as 100)")
        .inFile(src)
        .onLineContaining("value = \"12x\"");
    assertThat(compilation)
        .hadErrorContaining("param 'ratio' has minimum 5 above its maximum 1; swap them")
        .inFile(src)
        .onLineContaining("minimum = 5");
    assertThat(compilation)
        .hadErrorContaining("default 'mars' of param 'region' is not one of its enums [eu, us]")
        .inFile(src)
        .onLineContaining("value = \"mars\"");
    assertThat(compilation)
        .hadErrorContaining("default '[1, 2' of param 'days' is not a JSON array")
        .inFile(src)
        .onLineContaining("value = \"[1, 2\"");
    assertThat(compilation)
        .hadErrorContaining(
            "param 'flag' is boolean; enums apply to string, integer and number params only")
        .inFile(src)
        .onLineContaining("enums = {\"true\"}");
    assertThat(compilation)
        .hadErrorContaining("default 50 of param 'n' must be at most 10")
        .inFile(src)
        .onLineContaining("value = \"50\"");
    assertThat(compilation)
        .hadErrorContaining(
            "param 'label' is string; minimum and maximum apply to integer and number params only")
        .inFile(src)
        .onLineContaining("minimum = 0");
  }
}
