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

  /** Airflow's {@code map_index}: -1, a task that is not mapped (ProcessFlow maps none). */
  public int getMapIndex() {
    return -1;
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
          case "dag_id" -> {
            Object dagId = named.getValue();
            if (dagId != null && dagId != PyNone.NONE && !dagId.equals(context.dagId())) {
              throw new IllegalArgumentException(
                  "xcom_pull(dag_id='"
                      + dagId
                      + "'): a task reads the outputs of its own run of DAG '"
                      + context.dagId()
                      + "' only; drop dag_id, or pass the value as a param");
            }
          }
          case "include_prior_dates" -> {
            if (PyValues.truth(named.getValue())) {
              throw new IllegalArgumentException(
                  "xcom_pull(include_prior_dates=True): a task reads the outputs of its own run"
                      + " only; drop include_prior_dates");
            }
          }
          case "map_indexes" -> {
            Object index = named.getValue();
            if (index != null
                && index != PyNone.NONE
                && !(index instanceof Number n && n.doubleValue() == -1)) {
              throw new IllegalArgumentException(
                  "xcom_pull(map_indexes="
                      + PyValues.repr(index)
                      + "): ProcessFlow has no mapped tasks; drop map_indexes (or pass -1, an"
                      + " unmapped task's index)");
            }
          }
          default ->
              throw new IllegalArgumentException(
                  "xcom_pull has no argument '"
                      + named.getName()
                      + "'; use task_ids, key, default, dag_id (this DAG's),"
                      + " include_prior_dates (False) or map_indexes (-1)");
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
