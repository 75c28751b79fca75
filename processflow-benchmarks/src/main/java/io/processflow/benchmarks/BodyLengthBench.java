package io.processflow.benchmarks;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.util.Arrays;
import java.util.Locale;

/**
 * A fan of 10,000 tasks whose bodies spin for a given time, on two worker threads with two slots
 * and with one: how the run's pace (one slot while bodies are shorter than the engine's own work
 * per task, every slot otherwise) compares with one slot throughout, body length by body length.
 * Prints the median and minimum of 30 runs after 10 warm-ups, in microseconds per task.
 *
 * <pre>{@code java -cp processflow-benchmarks/target/processflow-benchmarks.jar \
 *     io.processflow.benchmarks.BodyLengthBench [body ns ...]}</pre>
 */
public final class BodyLengthBench {
  private static final int TASKS = 10_000;

  private BodyLengthBench() {}

  public static void main(String[] args) {
    long[] lengths =
        args.length == 0
            ? new long[] {0, 250, 500, 1_000, 2_000, 3_000, 5_000, 10_000}
            : Arrays.stream(args).mapToLong(Long::parseLong).toArray();
    System.out.printf(
        Locale.ROOT,
        "fan of %,d tasks, 2 worker threads; us per task, median [min] of 30 runs%n",
        TASKS);
    System.out.printf(Locale.ROOT, "%8s | %18s | %18s%n", "body ns", "2 slots", "1 slot");
    try (DagRunner two = DagRunner.builder().workerThreads(2).maxActiveTasks(2).build();
        DagRunner one = DagRunner.builder().workerThreads(2).maxActiveTasks(1).build()) {
      for (long length : lengths) {
        DagDefinition dag = fan(length);
        double[] onTwo = new double[30];
        double[] onOne = new double[30];
        for (int r = -10; r < 30; r++) {
          double a = run(two, dag);
          double b = run(one, dag);
          if (r >= 0) {
            onTwo[r] = a;
            onOne[r] = b;
          }
        }
        Arrays.sort(onTwo);
        Arrays.sort(onOne);
        System.out.printf(
            Locale.ROOT,
            "%8d | %8.3f [%6.3f] | %8.3f [%6.3f]%n",
            length,
            onTwo[15],
            onTwo[0],
            onOne[15],
            onOne[0]);
      }
    }
  }

  private static DagDefinition fan(long nanos) {
    DagBuilder dag = DagBuilder.dag("body_length");
    TaskHandle root = dag.task("root", ctx -> null);
    for (int i = 1; i < TASKS; i++) {
      root.then(
          dag.task(
              "t" + i,
              ctx -> {
                long until = System.nanoTime() + nanos;
                while (nanos > 0 && System.nanoTime() < until) {
                  Thread.onSpinWait();
                }
                return null;
              }));
    }
    return dag.build();
  }

  private static double run(DagRunner runner, DagDefinition dag) {
    long start = System.nanoTime();
    RunResult result = runner.run(dag, RunConfig.defaults());
    if (!result.succeeded()) {
      throw new IllegalStateException("benchmark run failed: " + result);
    }
    return (System.nanoTime() - start) / 1_000.0 / TASKS;
  }
}
