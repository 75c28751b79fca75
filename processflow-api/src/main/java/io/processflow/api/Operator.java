package io.processflow.api;

/**
 * What a task runs: Airflow's {@code BaseOperator.execute}. A lambda is an operator, and so is a
 * configured object such as {@code BigQueryInsertJobOperator}.
 *
 * <p>{@link #execute} returns the task's output (which may be {@code null}), or a {@link
 * java.util.concurrent.CompletionStage} for an asynchronous task: the task then holds no thread
 * while it waits and ends when the stage completes, with the stage's value as its output.
 */
@FunctionalInterface
public interface Operator {
  /**
   * Runs the task once.
   *
   * @throws Exception to fail the task; the exception is logged and kept in the task's state
   */
  Object execute(TaskContext context) throws Exception;
}
