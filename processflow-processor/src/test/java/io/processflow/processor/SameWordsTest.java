package io.processflow.processor;

import static io.processflow.processor.testing.Sources.compile;
import static io.processflow.processor.testing.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.testing.compile.Compilation;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagValidationException;
import io.processflow.runtime.dsl.TaskHandle;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * One DAG with the same mistakes, written with annotations and with the DSL: the processor's errors
 * and {@code DagBuilder.build()}'s problems carry the same rule ids and the same words, apart from
 * how each names a task and a dependency.
 */
class SameWordsTest {
  @Test
  void theProcessorAndTheDslReportTheSameProblemsInTheSameWords() {
    Compilation compilation =
        compile(
            source(
                "MistakesDag",
                """
                @Dag(id = "mistakes", failFast = true)
                class MistakesDag {
                  @Task @DependsOn("c") void a() {}
                  @Task @DependsOn("a") void b() {}
                  @Task @DependsOn("b") void c() {}
                  @Task void extract() {}
                  @Task @DependsOn("extrct") void load() {}
                  @Task(triggerRule = TriggerRule.ALL_DONE) @DependsOn("extract") void report() {}
                }
                """));
    List<String> processor =
        compilation.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();

    DagBuilder dag = DagBuilder.dag("mistakes").failFast(true);
    TaskHandle a = dag.task("a", ctx -> null);
    TaskHandle b = dag.task("b", ctx -> null);
    TaskHandle c = dag.task("c", ctx -> null);
    TaskHandle extract = dag.task("extract", ctx -> null);
    dag.task("load", ctx -> null);
    TaskHandle report = dag.task("report", ctx -> null).triggerRule(TriggerRule.ALL_DONE);
    a.then(b).then(c).then(a);
    dag.dependency("extrct", "load");
    extract.then(report);
    List<String> dsl = catchThrowableOfType(DagValidationException.class, dag::build).problems();

    assertThat(processor).hasSize(3);
    assertThat(dsl).hasSize(3);
    // Identical, word for word: nothing in it is named differently by the two front-ends.
    String failFast =
        "[ProcessFlow/FailFast] task 'report' has triggerRule = ALL_DONE, but DAG 'mistakes' is failFast,"
            + " which allows only ALL_SUCCESS (Airflow 3's fail_fast); remove the triggerRule or failFast";
    assertThat(processor).contains(failFast);
    assertThat(dsl).contains(failFast);
    // The same but for the name of the dependency (@DependsOn of task 'load' / edge extrct >>
    // load).
    String unknown = " names unknown task 'extrct'; did you mean 'extract'?";
    assertThat(processor).contains("[ProcessFlow/UnknownTask] @DependsOn of task 'load'" + unknown);
    assertThat(dsl).contains("[ProcessFlow/UnknownTask] edge extrct >> load" + unknown);
    // The same but for what a dependency is called in the fix.
    String cycle =
        "[ProcessFlow/Cycle] Found a dependency cycle: a -> b -> c -> a; remove one of these ";
    assertThat(processor).contains(cycle + "@DependsOn/@From dependencies");
    assertThat(dsl).contains(cycle + "edges");
    assertThat(compilation.diagnostics()).noneMatch(d -> d.getKind() == Diagnostic.Kind.WARNING);
  }

  @Test
  void aBadQueueNameReadsTheSameFromTheProcessorAndTheDsl() {
    Compilation compilation =
        compile(
            source(
                "QueueDag",
                """
                @Dag(id = "queues")
                class QueueDag {
                  @Task(queue = "gpu large") void train() {}
                }
                """));
    List<String> processor =
        compilation.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
    TaskHandle train = DagBuilder.dag("queues").task("train", ctx -> null);
    String dsl =
        catchThrowableOfType(IllegalArgumentException.class, () -> train.queue("gpu large"))
            .getMessage();

    String expected =
        "[ProcessFlow/InvalidQueue] queue 'gpu large' of task 'train' is invalid: a queue name is not"
            + " empty and has no whitespace, control characters or ','; name the queue a worker serves"
            + " (worker --queue NAME), or leave it out for the default queue";
    assertThat(processor).containsExactly(expected);
    assertThat(dsl).isEqualTo(expected);
  }
}
