package io.processflow.benchmarks;

import io.processflow.benchmarks.EndToEndMode.Declared;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * ProcessFlow against the practical floor, a hand-wired {@code CompletableFuture} graph on a
 * 2-thread ForkJoinPool, on the same shapes in the same JVM: chain, fan (1 -> N -> 1) and layered
 * random DAGs of 10,000 and 100,000 trivial tasks. The store is on (every transition an action) and
 * task logging is at WARN. Prints microseconds per task (median [min-max] over repeated runs after
 * warm-up), the ratio to the floor (ProcessFlow and the floor run alternately, and the ratio is the
 * median of each pair's ratio: see Measure#measurePaired), bytes allocated per task, and the growth
 * from 10k to 100k; then the cost of INFO logging of each transition next to the cost of the same
 * number of bare SLF4J+Logback calls.
 *
 * <p>Usage: {@code java -Xmx512m -jar processflow-benchmarks/target/processflow-benchmarks.jar
 * [--quick] [--forks N] [--only chain|fan|layered] [--mode runs|end_to_end]}: both modes by
 * default, one table each.
 */
public final class RuntimeBench {
  static final int THREADS = 2;

  private RuntimeBench() {}

  record Stats(double medianMicros, double minMicros, double maxMicros, double bytesPerTask) {}

  /** What a measured run includes. */
  enum Mode {
    /** The DAG is built once; each measured run only runs it, its tasks returning null. */
    RUNS("runs of a DAG built once"),
    /**
     * Each measured run declares the DAG with the DSL, builds and validates it, and runs it with
     * the store on, each task reading every parent's output with {@code xcomPull(id)}; the floor
     * wires its futures in every run too, each task reading its parents' results.
     */
    END_TO_END(
        "end to end: build + validate + run, each task reading its parents with xcomPull(id)");

    final String title;

    Mode(String title) {
      this.title = title;
    }
  }

  /**
   * One mode, shape and size: ProcessFlow and the floor, and (end to end) the bytes per task that
   * declaring and building the DAG alone allocates.
   */
  record Row(
      Mode mode,
      Shapes shape,
      int n,
      Stats processFlow,
      Stats floor,
      double ratio,
      double buildBytes) {}

  /** The logging line: ProcessFlow at WARN and INFO, and the same lines logged directly. */
  record Logging(double warn, double info, double oneThread, double threads) {}

  /**
   * Runs the measurements in {@code --forks N} fresh JVMs (default 3) one after the other, as JMH
   * does: on this VM a JVM settles into a faster or a slower regime for the multi-threaded shapes
   * (the CompletableFuture floor too), so one JVM's medians can differ from the next one's by 2x.
   * Prints each fork's table, then the median over forks of its medians and of its paired ratios,
   * the min and max over all runs, and the growth computed from the medians.
   */
  public static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    boolean quick = options.contains("--quick");
    int only = options.indexOf("--only");
    List<Shapes> shapes =
        only >= 0
            ? List.of(Shapes.valueOf(options.get(only + 1).toUpperCase(Locale.ROOT)))
            : List.of(Shapes.values());
    int modeAt = options.indexOf("--mode");
    List<Mode> modes =
        modeAt >= 0
            ? List.of(
                Mode.valueOf(options.get(modeAt + 1).toUpperCase(Locale.ROOT).replace('-', '_')))
            : List.of(Mode.values());
    int warmups = quick ? 2 : 10;
    int runs = quick ? 3 : 21;
    if (options.contains("--fork-child")) {
      measureAll(modes, shapes, warmups, runs, true);
      return;
    }
    int forksAt = options.indexOf("--forks");
    int forks = forksAt >= 0 ? Integer.parseInt(options.get(forksAt + 1)) : quick ? 1 : 3;
    System.out.printf(
        Locale.ROOT,
        "ProcessFlow runtime benchmark: %d worker threads, JDK %s, max heap %d MiB, %d fork(s) x (%d warm-ups + %d runs)%n%n",
        THREADS,
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        forks,
        warmups,
        runs);
    List<List<Row>> rowsByFork = new ArrayList<>();
    List<Logging> loggingByFork = new ArrayList<>();
    for (int f = 1; f <= forks; f++) {
      System.out.printf(Locale.ROOT, "fork %d of %d%n", f, forks);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              RuntimeBench.class.getName(),
              "--fork-child"));
      command.addAll(options);
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<Row> rows = new ArrayList<>();
      Logging logging = null;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("ROW ")) {
            rows.add(BenchReport.parseRow(line));
          } else if (line.startsWith("LOGGING ")) {
            String[] f2 = line.split(" ");
            logging =
                new Logging(
                    Double.parseDouble(f2[1]),
                    Double.parseDouble(f2[2]),
                    Double.parseDouble(f2[3]),
                    Double.parseDouble(f2[4]));
          } else if (!line.startsWith("[") && !line.isBlank()) {
            System.out.println("  " + line);
          }
        }
      }
      if (child.waitFor() != 0 || logging == null) {
        throw new IllegalStateException(
            "fork " + f + " failed with exit status " + child.exitValue());
      }
      rowsByFork.add(rows);
      loggingByFork.add(logging);
    }
    if (forks > 1) {
      System.out.printf(
          Locale.ROOT,
          "%nover %d forks: median of the forks' medians [min-max of all runs]%n",
          forks);
    }
    BenchReport.printSummary(rowsByFork, loggingByFork);
  }

  /** One JVM's measurements: prints its tables, and ROW / LOGGING lines for the parent to read. */
  private static void measureAll(
      List<Mode> modes, List<Shapes> shapes, int warmups, int runs, boolean machineReadable) {
    int[] sizes = {10_000, 100_000};
    ForkJoinPool floorPool =
        new ForkJoinPool(THREADS, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    try (DagRunner runner =
        DagRunner.builder().workerThreads(THREADS).maxActiveTasks(THREADS).build()) {
      // Warm the JIT on every shape and mode first, so the first measured one is not the coldest.
      for (Shapes shape : shapes) {
        int[][] upstream = shape.upstream(sizes[0]);
        DagDefinition dag = processFlowDag("warmup", upstream);
        Declared declared = Declared.of(upstream);
        for (int i = 0; i < warmups * 4; i++) {
          for (Mode mode : modes) {
            if (mode == Mode.RUNS) {
              runProcessFlow(runner, dag);
              CompletableFutureFloor.runFloor(floorPool, upstream);
            } else {
              EndToEndMode.runEndToEnd(runner, "warmup", declared);
              CompletableFutureFloor.runFloorEndToEnd(floorPool, upstream);
            }
          }
        }
      }
      for (Mode mode : modes) {
        BenchReport.printHeader(mode);
        for (Shapes shape : shapes) {
          for (int n : sizes) {
            int[][] upstream = shape.upstream(n);
            String dagId = shape.name().toLowerCase(Locale.ROOT);
            // Short runs are noisier: repeat them in proportion, so each size measures ~1M tasks.
            int repeats = runs * Math.max(1, 100_000 / n);
            Measure.Paired paired;
            double buildBytes = Double.NaN;
            if (mode == Mode.RUNS) {
              DagDefinition dag = processFlowDag(dagId, upstream);
              paired =
                  Measure.measurePaired(
                      n,
                      warmups,
                      repeats,
                      () -> runProcessFlow(runner, dag),
                      () -> CompletableFutureFloor.runFloor(floorPool, upstream));
            } else {
              Declared declared = Declared.of(upstream);
              buildBytes = EndToEndMode.buildBytes(dagId, declared);
              paired =
                  Measure.measurePaired(
                      n,
                      warmups,
                      repeats,
                      () -> EndToEndMode.runEndToEnd(runner, dagId, declared),
                      () -> CompletableFutureFloor.runFloorEndToEnd(floorPool, upstream));
            }
            Stats pf = paired.first();
            Stats cf = paired.second();
            BenchReport.printRow(new Row(mode, shape, n, pf, cf, paired.medianRatio(), buildBytes));
            if (machineReadable) {
              System.out.printf(
                  Locale.ROOT,
                  "ROW %s %s %d %f %f %f %f %f %f %f %f %f %f%n",
                  mode.name(),
                  shape.name(),
                  n,
                  pf.medianMicros(),
                  pf.minMicros(),
                  pf.maxMicros(),
                  pf.bytesPerTask(),
                  cf.medianMicros(),
                  cf.minMicros(),
                  cf.maxMicros(),
                  cf.bytesPerTask(),
                  paired.medianRatio(),
                  buildBytes);
            }
          }
        }
        System.out.println();
      }
      Logging logging = LoggingCost.loggingCost(runner, warmups, runs);
      if (machineReadable) {
        System.out.printf(
            Locale.ROOT,
            "LOGGING %f %f %f %f%n",
            logging.warn(),
            logging.info(),
            logging.oneThread(),
            logging.threads());
      }
    } finally {
      floorPool.shutdown();
    }
  }

  static DagDefinition processFlowDag(String id, int[][] upstream) {
    DagBuilder dag = DagBuilder.dag(id);
    String[] ids = new String[upstream.length];
    for (int i = 0; i < upstream.length; i++) {
      ids[i] = "t" + i;
      dag.task(ids[i], ctx -> null);
    }
    for (int i = 0; i < upstream.length; i++) {
      for (int u : upstream[i]) {
        dag.dependency(ids[u], ids[i]);
      }
    }
    return dag.build();
  }

  static long runProcessFlow(DagRunner runner, DagDefinition dag) {
    long start = System.nanoTime();
    RunResult result = runner.run(dag, RunConfig.defaults());
    long elapsed = System.nanoTime() - start;
    if (!result.succeeded()) {
      throw new IllegalStateException("benchmark run failed: " + result);
    }
    return elapsed;
  }
}
