package io.processflow.runtime.operators;

import io.processflow.api.Operator;
import io.processflow.api.TaskContext;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's {@code BigQueryInsertJobOperator}: inserts a job into a BigQuery project. For now,
 * as in the original, it only records the job it would submit and returns its id; a later version
 * talks to an in-process fake of the job API.
 */
public final class BigQueryInsertJobOperator implements Operator {
  private static final Logger log = LoggerFactory.getLogger(BigQueryInsertJobOperator.class);

  private final String projectId;
  private final Map<String, Object> configuration;

  public BigQueryInsertJobOperator(String projectId, Map<String, ?> configuration) {
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException(
          "BigQueryInsertJobOperator needs a projectId, such as \"process-flow-demo-project\"");
    }
    this.projectId = projectId;
    this.configuration = Map.copyOf(Objects.requireNonNull(configuration, "configuration"));
  }

  public String projectId() {
    return projectId;
  }

  public Map<String, Object> configuration() {
    return configuration;
  }

  /** Returns the id of the job, {@code <dag>__<task>__<run>} (the job is not submitted anywhere yet). */
  @Override
  public Object execute(TaskContext context) {
    String jobId = context.dagId() + "__" + context.taskId() + "__" + context.runId();
    log.info("inserting job {} into project {} with configuration {}", jobId, projectId, configuration);
    return jobId;
  }
}
