package io.processflow.runtime.operators;

import io.processflow.api.Operator;
import io.processflow.api.TaskContext;
import io.processflow.api.store.Action;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mock of Airflow's {@code BigQueryInsertJobOperator}, as in the original: it logs the job it
 * would insert, dispatches an {@code operation_status_update} action to the run's store and returns
 * a made-up job id, without calling GCP.
 */
public final class BigQueryInsertJobOperator implements Operator {
  private static final Logger log = LoggerFactory.getLogger(BigQueryInsertJobOperator.class);

  private final String projectId;
  private final Map<String, Object> configuration;

  public BigQueryInsertJobOperator(String projectId, Map<String, Object> configuration) {
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    this.configuration = Map.copyOf(configuration);
  }

  public String projectId() {
    return projectId;
  }

  public Map<String, Object> configuration() {
    return configuration;
  }

  @Override
  public Object execute(TaskContext context) {
    log.info("inserting BigQuery job into project {} with configuration {}", projectId, configuration);
    context.store().dispatch(Action.of("operation_status_update", Map.of("task_id", context.taskId(), "status", "done")));
    return "job_" + context.runId();
  }
}
