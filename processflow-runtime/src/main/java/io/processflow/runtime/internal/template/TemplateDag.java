package io.processflow.runtime.internal.template;

/** {@code dag} in templates: {@code {{ dag.dag_id }}}. */
public final class TemplateDag extends ContextObject {
  private final String dagId;

  TemplateDag(String dagId) {
    this.dagId = dagId;
  }

  public String getDagId() {
    return dagId;
  }

  @Override
  String pythonType() {
    return "DAG";
  }

  @Override
  public String toString() {
    return "<DAG: " + dagId + ">";
  }
}
