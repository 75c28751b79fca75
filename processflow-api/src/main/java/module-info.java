/**
 * What a DAG's code is written against: the annotations ({@code @Dag}, {@code @Task},
 * {@code @DependsOn}, ...), the task context, the states of tasks and runs, and the Redux store's
 * interfaces.
 *
 * <p>{@code io.processflow.api.internal} is exported because generated code calls it; it is not for
 * direct use. The graph and schedule checks shared by the processor and the runtime are exported to
 * those two only.
 */
module io.processflow.api {
  requires com.cronutils;

  exports io.processflow.api;
  exports io.processflow.api.store;
  exports io.processflow.api.internal;
  exports io.processflow.api.internal.graph to
      io.processflow.runtime,
      io.processflow.processor;
  exports io.processflow.api.internal.schedule to
      io.processflow.runtime,
      io.processflow.processor;
}
