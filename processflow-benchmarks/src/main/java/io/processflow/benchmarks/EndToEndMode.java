package io.processflow.benchmarks;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** RuntimeBench's end-to-end mode: each run declares, builds, validates and runs the DAG. */
final class EndToEndMode {
  private EndToEndMode() {}

  /**
   * A shape as its author has it before declaring it: the task ids and, per task, its parents' ids
   * and indexes. Made once per shape, outside the timed runs, like the floor's upstream arrays.
   */
  record Declared(String[] ids, String[][] parentIds, int[][] upstream) {
    static Declared of(int[][] upstream) {
      int n = upstream.length;
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = "t" + i;
      }
      String[][] parentIds = new String[n][];
      for (int i = 0; i < n; i++) {
        parentIds[i] = new String[upstream[i].length];
        for (int k = 0; k < upstream[i].length; k++) {
          parentIds[i][k] = ids[upstream[i][k]];
        }
      }
      return new Declared(ids, parentIds, upstream);
    }
  }

  /** What every task of the end-to-end runs outputs (a constant, so neither side allocates it). */
  static final Object OUTPUT = "ok";

  /** Declares the DAG with the DSL as a user does: a lambda per task, edges with {@code then}. */
  static DagBuilder declare(String dagId, Declared declared) {
    DagBuilder dag = DagBuilder.dag(dagId);
    String[] ids = declared.ids();
    int n = ids.length;
    TaskHandle[] tasks = new TaskHandle[n];
    for (int i = 0; i < n; i++) {
      String[] parents = declared.parentIds()[i];
      tasks[i] =
          dag.task(
              ids[i],
              ctx -> {
                for (String parent : parents) {
                  if (ctx.xcomPull(parent) != OUTPUT) {
                    throw new IllegalStateException("no output from " + parent);
                  }
                }
                return OUTPUT;
              });
    }
    for (int i = 0; i < n; i++) {
      for (int u : declared.upstream()[i]) {
        tasks[u].then(tasks[i]);
      }
    }
    return dag;
  }

  /** Declare, build and validate, run with the store on: everything a library user's run costs. */
  static long runEndToEnd(DagRunner runner, String dagId, Declared declared) {
    long start = System.nanoTime();
    DagDefinition dag = declare(dagId, declared).build();
    RunResult result = runner.run(dag, RunConfig.defaults());
    long elapsed = System.nanoTime() - start;
    if (!result.succeeded()) {
      throw new IllegalStateException("benchmark run failed: " + result);
    }
    return elapsed;
  }

  /**
   * Bytes per task that declaring and building the DAG allocates (on this thread: the median of 5).
   */
  static double buildBytes(String dagId, Declared declared) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] bytes = new double[5];
    for (int i = 0; i < bytes.length; i++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      DagDefinition dag = declare(dagId, declared).build();
      bytes[i] = (threads.getCurrentThreadAllocatedBytes() - before) / (double) dag.taskCount();
    }
    Arrays.sort(bytes);
    return bytes[bytes.length / 2];
  }
}
