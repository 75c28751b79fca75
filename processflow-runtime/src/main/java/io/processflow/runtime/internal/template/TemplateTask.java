package io.processflow.runtime.internal.template;

/** {@code task} in templates: {@code {{ task.task_id }}}, {@code {{ task.dag_id }}}. */
public final class TemplateTask extends ContextObject {
  private final String dagId;
  private final String taskId;
  private final String operatorName;

  TemplateTask(String dagId, String taskId, String operatorName) {
    this.dagId = dagId;
    this.taskId = taskId;
    this.operatorName = operatorName;
  }

  public String getTaskId() {
    return taskId;
  }

  public String getDagId() {
    return dagId;
  }

  /** The operator's simple class name, e.g. {@code BashOperator}. */
  public String getTaskType() {
    return operatorName;
  }

  @Override
  String pythonType() {
    return operatorName;
  }

  @Override
  public String toString() {
    return "<Task(" + operatorName + "): " + taskId + ">";
  }
}
