package io.processflow.runtime.internal.template;

import java.util.Map;

/**
 * {@code dag_run} in templates: {@code dag_run.run_id}, {@code dag_run.conf}, {@code
 * dag_run.logical_date}, {@code dag_run.run_type}, {@code dag_run.data_interval_start} and {@code
 * dag_run.data_interval_end}.
 */
public final class TemplateDagRun extends ContextObject {
  private final String dagId;
  private final String runId;
  private final String runType;
  private final AirflowDateTime logicalDate;
  private final Map<String, Object> conf;
  private final AirflowDateTime dataIntervalStart;
  private final AirflowDateTime dataIntervalEnd;

  TemplateDagRun(
      String dagId,
      String runId,
      String runType,
      AirflowDateTime logicalDate,
      Map<String, Object> conf,
      AirflowDateTime dataIntervalStart,
      AirflowDateTime dataIntervalEnd) {
    this.dagId = dagId;
    this.runId = runId;
    this.runType = runType;
    this.logicalDate = logicalDate;
    this.conf = conf;
    this.dataIntervalStart = dataIntervalStart;
    this.dataIntervalEnd = dataIntervalEnd;
  }

  /** The run's data interval, as the context's {@code data_interval_start}. */
  public AirflowDateTime getDataIntervalStart() {
    return dataIntervalStart;
  }

  /** The run's data interval, as the context's {@code data_interval_end}. */
  public AirflowDateTime getDataIntervalEnd() {
    return dataIntervalEnd;
  }

  public String getDagId() {
    return dagId;
  }

  public String getRunId() {
    return runId;
  }

  public AirflowDateTime getLogicalDate() {
    return logicalDate;
  }

  /**
   * What the run was triggered with: nothing ({@code {}}) for a scheduled or backfill run, as in
   * Airflow; a manual run's params (ProcessFlow keeps no conf beside them: see TemplateNames#conf).
   */
  public Map<String, Object> getConf() {
    return conf;
  }

  /**
   * {@code manual}, {@code scheduled} or {@code backfill} ({@link
   * io.processflow.api.TaskContext#runType}).
   */
  public String getRunType() {
    return runType;
  }

  @Override
  String pythonType() {
    return "DagRun";
  }

  @Override
  public String toString() {
    return "<DagRun " + dagId + " @ " + logicalDate + ": " + runId + ">";
  }
}
