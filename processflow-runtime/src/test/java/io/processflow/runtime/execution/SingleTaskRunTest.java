package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.TaskState;
import io.processflow.api.TriggerRule;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.time.ManualTimer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One task alone, Airflow's {@code tasks test}: given upstream outputs, nothing else runs. */
class SingleTaskRunTest {
  private final ManualTimer timer = new ManualTimer();
  private final DagRunner runner = DagRunner.builder().timer(timer).build();
  private final AtomicInteger otherRuns = new AtomicInteger();

  @TempDir Path dir;

  @AfterEach
  void close() {
    runner.close();
  }

  private DagDefinition dag() {
    DagBuilder dag = DagBuilder.dag("etl").param("factor", "2");
    var extract =
        dag.task(
            "extract",
            ctx -> {
              otherRuns.incrementAndGet();
              return List.of(1, 2);
            });
    var other =
        dag.task(
            "other",
            ctx -> {
              otherRuns.incrementAndGet();
              return "x";
            });
    var transform =
        dag.task(
                "transform",
                ctx -> {
                  List<Integer> values = ctx.xcomPull("extract");
                  int factor = Integer.parseInt((String) ctx.params().get("factor"));
                  return ctx.render("{{ ds }} {{ ti.xcom_pull(task_ids='other') }} ")
                      + values.stream().mapToInt(v -> v * factor).sum();
                })
            .triggerRule(TriggerRule.ALL_FAILED);
    var load =
        dag.task(
            "load",
            ctx -> {
              otherRuns.incrementAndGet();
              return null;
            });
    extract.then(transform).then(load);
    other.then(transform);
    return dag.build();
  }

  /**
   * A worker's try (startTry): each try of one DAG runs its own task, however many tasks of the DAG
   * it ran before, with the others' outputs and no retry or timeout of its own; a later try knows
   * its number.
   */
  @Test
  void eachTryOfADagRunsItsOwnTaskAloneWithItsNumberAndNoRetries() {
    DagDefinition dag = dag();
    RunConfig config =
        RunConfig.builder()
            .runId("r1")
            .logicalDate(Instant.parse("2024-01-31T00:00:00Z"))
            .param("factor", "3")
            .build();
    Map<String, Object> outputs = Map.of("extract", List.of(1, 2), "other", "o");

    RunResult transform =
        SingleTaskRun.startTry(runner, dag, "transform", 1, outputs, List.of(), config).join();
    RunResult load =
        SingleTaskRun.startTry(runner, dag, "load", 3, outputs, List.of(), config).join();
    RunResult again =
        SingleTaskRun.startTry(runner, dag, "transform", 2, outputs, List.of(), config).join();

    assertThat(transform.task("transform").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(transform.task("transform").tryNumber()).isEqualTo(1);
    assertThat((String) transform.task("transform").output()).isEqualTo("2024-01-31 o 9");
    assertThat(transform.task("load").state()).isEqualTo(TaskState.SUCCESS); // restored, not run
    assertThat(load.task("load").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(load.task("load").tryNumber()).isEqualTo(3);
    assertThat(again.task("transform").tryNumber()).isEqualTo(2);
    assertThat(otherRuns).hasValue(1); // load's own body, once; extract and other never ran
  }

  @Test
  void aFailedTryFailsWithoutARetryOfItsOwn() {
    DagBuilder dag = DagBuilder.dag("flaky");
    AtomicInteger tries = new AtomicInteger();
    dag.task(
            "flaky",
            ctx -> {
              tries.incrementAndGet();
              throw new IllegalStateException("no");
            })
        .retries(3);
    RunConfig config =
        RunConfig.builder().runId("r1").logicalDate(Instant.parse("2024-01-31T00:00:00Z")).build();
    RunResult result =
        SingleTaskRun.startTry(runner, dag.build(), "flaky", 2, Map.of(), List.of(), config).join();
    assertThat(result.task("flaky").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("flaky").tryNumber()).isEqualTo(2);
    assertThat(tries).hasValue(1);
  }

  /** The task sees its params as a whole run would: parsed to their declared types and checked. */
  @Test
  void typedParamsAreParsedAndCheckedAsInAWholeRun() {
    DagBuilder dag = DagBuilder.dag("typed");
    dag.param(io.processflow.runtime.dsl.ParamSpec.integer("limit").defaultValue(1).minimum(1));
    dag.task("count", ctx -> ctx.params().get("limit"));
    DagDefinition definition = dag.build();
    RunResult result =
        SingleTaskRun.run(
            runner, definition, "count", Map.of(), RunConfig.builder().param("limit", "5").build());
    assertThat(result.task("count").output()).isEqualTo(5L);
    assertThatThrownBy(
            () ->
                SingleTaskRun.run(
                    runner,
                    definition,
                    "count",
                    Map.of(),
                    RunConfig.builder().param("limit", "0").build()))
        .isInstanceOf(io.processflow.runtime.dsl.ParamValidationException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void runsTheTaskWithGivenOutputsParamsAndDateWhateverItsRuleAndNothingElse() {
    RunResult result =
        SingleTaskRun.run(
            runner,
            dag(),
            "transform",
            Map.of("extract", List.of(5, 6)),
            RunConfig.builder()
                .param("factor", "10")
                .logicalDate(Instant.parse("2024-02-03T10:00:00Z"))
                .build());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.task("transform").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("transform").output()).isEqualTo("2024-02-03 None 110");
    assertThat(result.task("transform").tryNumber()).isEqualTo(1);
    assertThat(result.task("load").tryNumber()).isZero();
    assertThat(result.runId()).isEqualTo("manual__2024-02-03T10:00:00+00:00");
    assertThat(otherRuns).hasValue(0);
  }

  @Test
  void theTasksFailureFailsTheRun() {
    DagBuilder dag = DagBuilder.dag("bad");
    dag.task(
            "boom",
            ctx -> {
              throw new IllegalStateException("boom");
            })
        .retries(0);
    RunResult result =
        SingleTaskRun.run(runner, dag.build(), "boom", Map.of(), RunConfig.defaults());

    assertThat(result.succeeded()).isFalse();
    assertThat(result.task("boom").error().summary())
        .isEqualTo("java.lang.IllegalStateException: boom");
  }

  @Test
  void refusesWhatItCannotDoBeforeAnythingRuns() {
    DagDefinition dag = dag();
    assertThatThrownBy(
            () -> SingleTaskRun.run(runner, dag, "transfrom", Map.of(), RunConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no task 'transfrom'");
    assertThatThrownBy(
            () ->
                SingleTaskRun.run(
                    runner,
                    dag,
                    "transform",
                    Map.of(),
                    RunConfig.builder().recorder(Journals.in(dir).recorder(false)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keeps no journal");
    assertThat(otherRuns).hasValue(0);
  }
}
