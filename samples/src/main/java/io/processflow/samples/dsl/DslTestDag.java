package io.processflow.samples.dsl;

import io.processflow.api.TaskContext;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.operators.BigQueryInsertJobOperator;
import io.processflow.samples.annotated.TestDag;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's test DAG, written with the plain-Java DSL (the annotated form is {@link
 * io.processflow.samples.annotated.TestDag}): {@code task_1} runs a method and is allowed to fail,
 * {@code task_2} inserts a BigQuery job, {@code task_1 >> task_2}, and the DAG passes its own
 * reducer, which acknowledges every status update.
 */
public final class DslTestDag {
  private static final Logger log = LoggerFactory.getLogger(DslTestDag.class);

  private DslTestDag() {}

  /** The DAG. */
  public static DagDefinition dag() {
    log.debug("created dag class");
    DagBuilder dag =
        DagBuilder.dag("test_dag")
            .reducer(DslTestDag::reduce, Map.<String, Object>of("ack", false));
    TaskHandle task1 = dag.task("task_1", DslTestDag::func1).allowToFail();
    TaskHandle task2 =
        dag.task("task_2", new BigQueryInsertJobOperator("process-flow-demo-project", TestDag.JOB));
    task1.then(task2);
    return dag.build();
  }

  static Object func1(TaskContext context) {
    log.info("inside func_1, context={}", context);
    return null;
  }

  /** The original's reducer: sets {@code ack} on every {@code operation_status_update}. */
  static Map<String, Object> reduce(Map<String, Object> state, Action action) {
    if (!TaskStatusUpdate.TYPE.equals(action.type())) {
      return state;
    }
    if (Boolean.TRUE.equals(state.get("ack"))) {
      return state;
    }
    Map<String, Object> next = new HashMap<>(state);
    next.put("ack", true);
    return Map.copyOf(next);
  }

  public static void main(String[] args) {
    RunResult result;
    try (DagRunner runner = DagRunner.create()) {
      result = runner.run(dag());
    }
    log.debug("finalising dag class");
    System.out.print(result.summaryTable());
    System.exit(result.succeeded() ? 0 : 1);
  }
}
