package io.processflow.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.template.TemplateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Templates and operators inside real runs. */
class TemplatedDagTest {
  private final DagRunner runner = DagRunner.builder().workerThreads(2).maxActiveTasks(4).build();
  private final RunConfig config =
      RunConfig.builder()
          .logicalDate(Instant.parse("2024-01-31T00:00:00Z"))
          .param("table", "sales")
          .param("evil", "{{ run_id }}; echo pwned")
          .build();

  @AfterEach
  void close() {
    runner.close();
  }

  @Test
  void methodTasksRenderAndPassTypedOutputsWhileTemplatesPullThemUntyped() {
    DagBuilder dag = DagBuilder.dag("etl").param("table", "orders").param("evil", "");
    TaskHandle extract = dag.task("extract", ctx -> List.of(3, 4));
    TaskHandle sql =
        dag.task(
            "sql",
            ctx -> {
              List<Integer> rows = ctx.xcomPull("extract");
              return ctx.render(
                  "insert into {{ params.table }} values (" + rows.size() + ") -- {{ ds }}");
            });
    TaskHandle echo =
        dag.task(
            "echo",
            new BashOperator(
                "echo {{ ti.xcom_pull(task_ids='sql') | shell_quote }} {{ params.evil | shell_quote }}"));
    TaskHandle done = dag.task("done", new EmptyOperator());
    extract.then(sql).then(echo).then(done);

    RunResult result = runner.run(dag.build(), config);

    assertThat(result.succeeded()).as(result.summaryTable()).isTrue();
    assertThat(result.task("sql").output()).isEqualTo("insert into sales values (2) -- 2024-01-31");
    assertThat(result.task("echo").output())
        .isEqualTo("insert into sales values (2) -- 2024-01-31 {{ run_id }}; echo pwned");
  }

  @Test
  void aTemplateErrorFailsOnlyItsTaskWithNameLineAndBadName() {
    DagBuilder dag = DagBuilder.dag("etl").param("table", "orders").param("evil", "");
    TaskHandle bad = dag.task("bad", new BashOperator("echo one\necho {{ params.tabel }}"));
    TaskHandle after = dag.task("after", ctx -> "never");
    TaskHandle other = dag.task("other", ctx -> ctx.render("{{ dag.dag_id }}/{{ task.task_id }}"));
    TaskHandle method = dag.task("method", ctx -> ctx.render("ok\n{% if %}"));
    bad.then(after);

    RunResult result = runner.run(dag.build(), config);

    assertThat(result.task("bad").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("bad").error().type()).isEqualTo(TemplateException.class.getName());
    assertThat(result.task("bad").error().message())
        .startsWith("Template 'bad.bash_command' line 2: 'params.tabel' is undefined");
    assertThat(result.task("after").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    assertThat(result.task("other").output()).isEqualTo("etl/other");
    assertThat(result.task("method").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("method").error().message())
        .startsWith("Template 'method.render' line 2:");
  }

  @Test
  void theBigQueryOperatorRunsInADag() {
    DagBuilder dag = DagBuilder.dag("bq").param("table", "orders").param("evil", "");
    dag.task(
        "insert",
        new BigQueryInsertJobOperator(
                "process-flow-demo-project",
                Map.of("query", Map.of("query", "select '{{ ds }}'", "useLegacySql", false)))
            .jobId("bq_{{ ds_nodash }}_{{ run_id | length }}_" + System.nanoTime()));
    dag.task("empty_config", new BigQueryInsertJobOperator("process-flow-demo-project", Map.of()));

    RunResult result = runner.run(dag.build(), config);

    assertThat(result.succeeded()).as(result.summaryTable()).isTrue();
    assertThat(result.task("insert").output()).asString().startsWith("bq_20240131_");
  }
}
