package io.processflow.benchmarks;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.SingleTaskRun;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a database worker's try costs in memory by the DAG's size, without the database: {@link
 * SingleTaskRun#startTry} of one task of a fan of N trivial tasks, every other task restored as
 * succeeded with an output, as a worker runs each try it claims. Prints µs per try (median of 5
 * rounds [min-max]) for 100, 1,000 and 10,000 tasks.
 *
 * <p>Usage: {@code java -cp processflow-benchmarks/target/processflow-benchmarks.jar
 * io.processflow.benchmarks.WorkerTryBench}
 */
public final class WorkerTryBench {
  private static final int TRIES = 200;

  private WorkerTryBench() {}

  public static void main(String[] args) {
    System.out.println("A worker's try in memory (SingleTaskRun.startTry), by DAG size");
    try (DagRunner runner = DagRunner.builder().workerThreads(2).build()) {
      for (int n : new int[] {100, 1_000, 10_000}) {
        DagBuilder builder = DagBuilder.dag("fan");
        Map<String, Object> outputs = new HashMap<>();
        for (int i = 0; i < n; i++) {
          builder.task("t" + i, ctx -> "x");
          outputs.put("t" + i, "x");
        }
        for (int i = 1; i < n; i++) {
          builder.dependency("t0", "t" + i);
        }
        DagDefinition dag = builder.build();
        RunConfig config =
            RunConfig.builder()
                .runId("r")
                .logicalDate(Instant.parse("2024-01-01T00:00:00Z"))
                .build();
        double[] rounds = new double[5];
        for (int r = -2; r < rounds.length; r++) { // two warm-up rounds
          long start = System.nanoTime();
          for (int k = 0; k < TRIES; k++) {
            String task = "t" + (1 + k % (n - 1));
            SingleTaskRun.startTry(runner, dag, task, 1, outputs, List.of(), config).join();
          }
          if (r >= 0) {
            rounds[r] = (System.nanoTime() - start) / 1e3 / TRIES;
          }
        }
        Arrays.sort(rounds);
        System.out.printf(
            Locale.ROOT,
            "%,7d tasks: %8.1f us per try [%.1f-%.1f]%n",
            n,
            rounds[rounds.length / 2],
            rounds[0],
            rounds[rounds.length - 1]);
      }
    }
  }
}
