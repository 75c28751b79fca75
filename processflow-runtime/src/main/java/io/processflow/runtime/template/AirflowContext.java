package io.processflow.runtime.template;

import io.processflow.api.TaskContext;
import io.processflow.runtime.internal.template.TemplateNames;
import java.util.Map;

/**
 * The names a template sees, as Airflow names and formats them: {@code ds}, {@code ds_nodash},
 * {@code ts}, {@code ts_nodash}, {@code ts_nodash_with_tz}, {@code logical_date}, {@code
 * data_interval_start}, {@code data_interval_end}, {@code run_id}, {@code dag}, {@code task},
 * {@code ti}/{@code task_instance}, {@code task_instance_key_str}, {@code params}, {@code macros}
 * and {@code dag_run}. Airflow 3's removals ({@code execution_date}, {@code next_ds}, {@code
 * prev_ds}, {@code conf}, ...) are absent on purpose.
 */
public final class AirflowContext {
  private AirflowContext() {}

  /** The context of the task {@code context} runs, whose operator is unknown. */
  public static Map<String, Object> of(TaskContext context) {
    return TemplateNames.of(context);
  }

  /** The context of the task {@code context} runs with an operator named {@code operatorName}. */
  public static Map<String, Object> of(TaskContext context, String operatorName) {
    return TemplateNames.of(context, operatorName);
  }
}
