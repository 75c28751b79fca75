package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import io.processflow.api.TaskContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ti} (and {@code task_instance}) in templates: {@code ti.task_id}, {@code ti.dag_id},
 * {@code ti.run_id}, {@code ti.try_number}, and {@code ti.xcom_pull(task_ids='extract')}, which
 * returns an upstream task's output as a value: it is never rendered again.
 */
public final class TemplateTaskInstance extends ContextObject {
  private static final String RETURN_VALUE = "return_value";

  private final TaskContext context;

  TemplateTaskInstance(TaskContext context) {
    this.context = context;
  }

  public String getTaskId() {
    return context.taskId();
  }

  public String getDagId() {
    return context.dagId();
  }

  public String getRunId() {
    return context.runId();
  }

  public int getTryNumber() {
    return context.tryNumber();
  }

  /**
   * Airflow's {@code xcom_pull}: {@code task_ids} (first positional or named) is one id, giving
   * that task's output, or a list of ids, giving a list of outputs. {@code key} may only be {@code
   * 'return_value'}; {@code default} replaces a missing output. A null output, and any null inside
   * one, is None.
   */
  public Object xcom_pull(Object... arguments) {
    Object taskIds = null;
    Object fallback = null;
    int position = 0;
    for (Object argument : arguments) {
      if (argument instanceof NamedParameter named) {
        switch (named.getName()) {
          case "task_ids" -> taskIds = named.getValue();
          case "default" -> fallback = named.getValue();
          case "key" -> {
            if (!RETURN_VALUE.equals(named.getValue())) {
              throw new IllegalArgumentException(
                  "xcom_pull(key='"
                      + named.getValue()
                      + "'): ProcessFlow keeps only a task's output, "
                      + "key 'return_value'; drop the key argument");
            }
          }
          case "dag_id", "include_prior_dates", "map_indexes" -> {
            // Accepted for Airflow compatibility; a run only sees its own DAG's outputs.
          }
          default ->
              throw new IllegalArgumentException(
                  "xcom_pull has no argument '"
                      + named.getName()
                      + "'; use task_ids, key or default");
        }
      } else if (position++ == 0) {
        taskIds = argument;
      } else {
        throw new IllegalArgumentException(
            "xcom_pull takes one positional argument (task_ids); pass the others by name");
      }
    }
    if (taskIds instanceof Iterable<?> ids) {
      List<Object> values = new ArrayList<>();
      for (Object id : ids) {
        values.add(pull(String.valueOf(id), fallback));
      }
      return values;
    }
    // No task_ids: the task itself, as in Airflow 3 (whose try has pushed nothing yet)
    return pull(
        taskIds == null || taskIds == PyNone.NONE ? context.taskId() : String.valueOf(taskIds),
        fallback);
  }

  private Object pull(String taskId, Object fallback) {
    Object value = context.xcomPull(taskId);
    return NullsAsNone.wrap(value == null ? fallback : value);
  }

  @Override
  String pythonType() {
    return "RuntimeTaskInstance";
  }

  @Override
  public String toString() {
    return "<TaskInstance: "
        + context.dagId()
        + "."
        + context.taskId()
        + " "
        + context.runId()
        + ">";
  }
}
