package io.processflow.samples.annotated;

import io.processflow.api.Dag;
import io.processflow.api.DependsOn;
import io.processflow.api.StatefulDag;
import io.processflow.api.Task;
import io.processflow.api.TaskContext;
import io.processflow.api.store.Reducer;
import io.processflow.runtime.operators.BigQueryInsertJobOperator;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's test DAG, annotated: a Python-style task that may fail, then a BigQuery insert
 * job. Its reducer acknowledges the job's {@code operation_status_update}. Run it with {@code java
 * -jar samples/target/processflow-samples.jar run test_dag}.
 */
@Dag(id = "test_dag", description = "The original's test DAG: a function task, then a BigQuery job")
public class TestDag implements StatefulDag<Map<String, Object>> {
  private static final Logger log = LoggerFactory.getLogger(TestDag.class);

  /**
   * The job {@code task_2} inserts: a query over the run's day. (The original's configuration is an
   * empty placeholder, which submits nothing and says so in a warning.)
   */
  public static final Map<String, Object> JOB =
      Map.of(
          "query",
          Map.of(
              "query",
              "SELECT COUNT(*) AS events FROM demo.events WHERE DATE(ts) = '{{ ds }}'",
              "useLegacySql",
              false));

  @Task(id = "task_1", allowToFail = true)
  void func1(TaskContext context) {
    log.info("inside func_1, context={}", context);
  }

  @Task(id = "task_2")
  @DependsOn("task_1")
  BigQueryInsertJobOperator insertJob() {
    return new BigQueryInsertJobOperator("process-flow-demo-project", JOB);
  }

  @Override
  public Reducer<Map<String, Object>> reducer() {
    return (state, action) -> {
      if (!"operation_status_update".equals(action.type())
          || Boolean.TRUE.equals(state.get("ack"))) {
        return state;
      }
      Map<String, Object> next = new HashMap<>(state);
      next.put("ack", true);
      return Map.copyOf(next);
    };
  }

  @Override
  public Map<String, Object> initialState() {
    return Map.of("ack", false);
  }
}
