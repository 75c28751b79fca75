package io.processflow.runtime.internal.template;

import io.processflow.api.TaskContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link io.processflow.runtime.template.AirflowContext} builds the names a template sees, as
 * Airflow names and formats them: {@code ds}, {@code ds_nodash}, {@code ts}, {@code ts_nodash},
 * {@code ts_nodash_with_tz}, {@code logical_date}, {@code data_interval_start}, {@code
 * data_interval_end}, {@code run_id}, {@code dag}, {@code task}, {@code ti}/{@code task_instance},
 * {@code task_instance_key_str}, {@code params}, {@code macros} and {@code dag_run}. Airflow 3's
 * removals ({@code execution_date}, {@code next_ds}, {@code prev_ds}, {@code conf}, ...) are absent
 * on purpose.
 */
public final class TemplateNames {
  private TemplateNames() {}

  /** The context of the task {@code context} runs, whose operator is unknown. */
  public static Map<String, Object> of(TaskContext context) {
    return of(context, "Task");
  }

  /** The context of the task {@code context} runs with an operator named {@code operatorName}. */
  public static Map<String, Object> of(TaskContext context, String operatorName) {
    AirflowDateTime logicalDate = AirflowDateTime.of(context.logicalDate());
    String dsNodash = AirflowDates.dsNodash(logicalDate.toInstant());
    TemplateTaskInstance ti = new TemplateTaskInstance(context);
    Map<String, Object> params = NullsAsNone.map(context.params());

    Map<String, Object> names = new LinkedHashMap<>();
    names.put("ds", AirflowDates.ds(logicalDate.toInstant()));
    names.put("ds_nodash", dsNodash);
    names.put("ts", AirflowDates.ts(logicalDate.toInstant()));
    names.put("ts_nodash", AirflowDates.tsNodash(logicalDate.toInstant()));
    names.put("ts_nodash_with_tz", AirflowDates.tsNodashWithTz(logicalDate.toInstant()));
    names.put("logical_date", logicalDate);
    AirflowDateTime intervalStart = AirflowDateTime.of(context.dataIntervalStart());
    AirflowDateTime intervalEnd = AirflowDateTime.of(context.dataIntervalEnd());
    names.put("data_interval_start", intervalStart);
    names.put("data_interval_end", intervalEnd);
    names.put("run_id", context.runId());
    names.put("dag", new TemplateDag(context.dagId()));
    names.put("task", new TemplateTask(context.dagId(), context.taskId(), operatorName));
    names.put("ti", ti);
    names.put("task_instance", ti);
    names.put("task_instance_key_str", context.dagId() + "__" + context.taskId() + "__" + dsNodash);
    names.put("params", params);
    names.put("macros", Macros.INSTANCE);
    names.put(
        "dag_run",
        new TemplateDagRun(
            context.dagId(),
            context.runId(),
            context.runType(),
            logicalDate,
            conf(context, params),
            intervalStart,
            intervalEnd));
    return Collections.unmodifiableMap(names);
  }

  /**
   * {@code dag_run.conf}: what the run was triggered with. Airflow's scheduled and backfill runs
   * have none ({@code {}}, whatever the DAG's params); a manual run's params are what it was
   * triggered with, its defaults included, as Airflow's trigger form pre-fills the conf from the
   * params (ProcessFlow keeps no conf beside them).
   */
  private static Map<String, Object> conf(TaskContext context, Map<String, Object> params) {
    return "manual".equals(context.runType()) ? params : Map.of();
  }
}
