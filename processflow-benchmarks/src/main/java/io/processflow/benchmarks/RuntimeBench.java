package io.processflow.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProcessFlow against the practical floor, a hand-wired {@code CompletableFuture} graph on a
 * 2-thread ForkJoinPool, on the same shapes in the same JVM: chain, fan (1 -> N -> 1) and layered
 * random DAGs of 10,000 and 100,000 trivial tasks. The store is on (every transition an action) and
 * task logging is at WARN. Prints microseconds per task (median [min-max] over repeated runs after
 * warm-up), the ratio to the floor, bytes allocated per task, and the growth from 10k to 100k; then
 * the cost of INFO logging of each transition next to the cost of the same number of bare
 * SLF4J+Logback calls.
 *
 * <p>Usage: {@code java -Xmx512m -jar processflow-benchmarks/target/processflow-benchmarks.jar
 * [--quick] [--forks N] [--only chain|fan|layered] [--mode runs|end_to_end]}: both modes by
 * default, one table each.
 */
public final class RuntimeBench {
  private static final int THREADS = 2;

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
  record Row(Mode mode, Shapes shape, int n, Stats processFlow, Stats floor, double buildBytes) {}

  /** The logging line: ProcessFlow at WARN and INFO, and the same lines logged directly. */
  record Logging(double warn, double info, double oneThread, double threads) {}

  /**
   * Runs the measurements in {@code --forks N} fresh JVMs (default 3) one after the other, as JMH
   * does: on this VM a JVM settles into a faster or a slower regime for the multi-threaded shapes
   * (the CompletableFuture floor too), so one JVM's medians can differ from the next one's by 2x.
   * Prints each fork's table, then the median over forks of its medians, the min and max over all
   * runs, and the growth and ratios computed from those.
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
            rows.add(parseRow(line));
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
    printSummary(rowsByFork, loggingByFork);
  }

  private static Row parseRow(String line) {
    String[] f = line.split(" ");
    return new Row(
        Mode.valueOf(f[1]),
        Shapes.valueOf(f[2]),
        Integer.parseInt(f[3]),
        new Stats(
            Double.parseDouble(f[4]),
            Double.parseDouble(f[5]),
            Double.parseDouble(f[6]),
            Double.parseDouble(f[7])),
        new Stats(
            Double.parseDouble(f[8]),
            Double.parseDouble(f[9]),
            Double.parseDouble(f[10]),
            Double.parseDouble(f[11])),
        Double.parseDouble(f[12]));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  private static Stats combine(List<Stats> stats) {
    double[] medians = stats.stream().mapToDouble(Stats::medianMicros).toArray();
    double[] bytes = stats.stream().mapToDouble(Stats::bytesPerTask).toArray();
    return new Stats(
        median(medians),
        stats.stream().mapToDouble(Stats::minMicros).min().orElseThrow(),
        stats.stream().mapToDouble(Stats::maxMicros).max().orElseThrow(),
        median(bytes));
  }

  private static void printSummary(List<List<Row>> rowsByFork, List<Logging> loggingByFork) {
    List<Row> first = rowsByFork.get(0);
    Mode shown = null;
    Map<Shapes, double[]> perTaskBySize = new EnumMap<>(Shapes.class);
    for (int r = 0; r < first.size(); r++) {
      int row = r;
      Mode mode = first.get(r).mode();
      if (mode != shown) {
        printGrowth(perTaskBySize);
        perTaskBySize.clear();
        printHeader(mode);
        shown = mode;
      }
      Stats pf = combine(rowsByFork.stream().map(rows -> rows.get(row).processFlow()).toList());
      Stats cf = combine(rowsByFork.stream().map(rows -> rows.get(row).floor()).toList());
      double buildBytes =
          median(rowsByFork.stream().mapToDouble(rows -> rows.get(row).buildBytes()).toArray());
      Row combined = new Row(mode, first.get(r).shape(), first.get(r).n(), pf, cf, buildBytes);
      printRow(combined);
      perTaskBySize
              .computeIfAbsent(combined.shape(), k -> new double[2])[
              combined.n() == 10_000 ? 0 : 1] =
          pf.medianMicros();
    }
    printGrowth(perTaskBySize);
    double warn = median(loggingByFork.stream().mapToDouble(Logging::warn).toArray());
    double info = median(loggingByFork.stream().mapToDouble(Logging::info).toArray());
    double[] added = loggingByFork.stream().mapToDouble(l -> l.info() - l.warn()).toArray();
    System.out.printf(
        Locale.ROOT,
        "logging, layered 100k: WARN %.3f us/task, INFO %.3f us/task: +%.3f us/task for 2 INFO lines per task"
            + " (forks: %s); the same 2 lines per task logged directly into the same appender cost %.3f"
            + " us/task from one thread, %.3f from %d threads at once%n",
        warn,
        info,
        median(added),
        Arrays.toString(Arrays.stream(added).map(a -> Math.round(a * 1000) / 1000.0).toArray()),
        median(loggingByFork.stream().mapToDouble(Logging::oneThread).toArray()),
        median(loggingByFork.stream().mapToDouble(Logging::threads).toArray()),
        THREADS);
  }

  private static void printGrowth(Map<Shapes, double[]> perTaskBySize) {
    if (perTaskBySize.isEmpty()) {
      return;
    }
    System.out.println();
    for (Map.Entry<Shapes, double[]> e : perTaskBySize.entrySet()) {
      double[] m = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "growth %-8s us/task at 100k / at 10k = %.2f%n",
          e.getKey().name().toLowerCase(Locale.ROOT),
          m[1] / m[0]);
    }
    System.out.println();
  }

  private static void printHeader(Mode mode) {
    System.out.printf(Locale.ROOT, "%s%n", mode.title);
    System.out.printf(
        Locale.ROOT,
        "%-8s %8s | %-28s %10s | %-28s %10s | %6s %6s | %s%n",
        "shape",
        "tasks",
        "ProcessFlow us/task",
        "B/task",
        "CompletableFuture us/task",
        "B/task",
        "ratio",
        "B x",
        mode == Mode.END_TO_END ? "build B/task" : "");
  }

  private static void printRow(Row row) {
    Stats pf = row.processFlow();
    Stats cf = row.floor();
    System.out.printf(
        Locale.ROOT,
        "%-8s %8d | %6.3f [%6.3f-%6.3f]        %10.0f | %6.3f [%6.3f-%6.3f]        %10.0f | %6.2f %6.2f | %s%n",
        row.shape().name().toLowerCase(Locale.ROOT),
        row.n(),
        pf.medianMicros(),
        pf.minMicros(),
        pf.maxMicros(),
        pf.bytesPerTask(),
        cf.medianMicros(),
        cf.minMicros(),
        cf.maxMicros(),
        cf.bytesPerTask(),
        pf.medianMicros() / cf.medianMicros(),
        pf.bytesPerTask() / cf.bytesPerTask(),
        Double.isNaN(row.buildBytes()) ? "" : String.format(Locale.ROOT, "%.0f", row.buildBytes()));
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
              runFloor(floorPool, upstream);
            } else {
              runEndToEnd(runner, "warmup", declared);
              runFloorEndToEnd(floorPool, upstream);
            }
          }
        }
      }
      for (Mode mode : modes) {
        printHeader(mode);
        for (Shapes shape : shapes) {
          for (int n : sizes) {
            int[][] upstream = shape.upstream(n);
            String dagId = shape.name().toLowerCase(Locale.ROOT);
            // Short runs are noisier: repeat them in proportion, so each size measures ~1M tasks.
            int repeats = runs * Math.max(1, 100_000 / n);
            Stats pf;
            Stats cf;
            double buildBytes = Double.NaN;
            if (mode == Mode.RUNS) {
              DagDefinition dag = processFlowDag(dagId, upstream);
              pf = measure(n, warmups, repeats, () -> runProcessFlow(runner, dag));
              cf = measure(n, warmups, repeats, () -> runFloor(floorPool, upstream));
            } else {
              Declared declared = Declared.of(upstream);
              buildBytes = buildBytes(dagId, declared);
              pf = measure(n, warmups, repeats, () -> runEndToEnd(runner, dagId, declared));
              cf = measure(n, warmups, repeats, () -> runFloorEndToEnd(floorPool, upstream));
            }
            printRow(new Row(mode, shape, n, pf, cf, buildBytes));
            if (machineReadable) {
              System.out.printf(
                  Locale.ROOT,
                  "ROW %s %s %d %f %f %f %f %f %f %f %f %f%n",
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
                  buildBytes);
            }
          }
        }
        System.out.println();
      }
      Logging logging = loggingCost(runner, warmups, runs);
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
  private static final Object OUTPUT = "ok";

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

  /**
   * The end-to-end floor: the futures wired in every run, each task reading its parents' results
   * (already complete when it runs) and returning the same constant.
   */
  static long runFloorEndToEnd(ForkJoinPool pool, int[][] upstream) {
    long start = System.nanoTime();
    int n = upstream.length;
    @SuppressWarnings("unchecked")
    CompletableFuture<Object>[] futures = new CompletableFuture[n];
    for (int i = 0; i < n; i++) {
      int[] up = upstream[i];
      if (up.length == 0) {
        futures[i] = CompletableFuture.supplyAsync(() -> OUTPUT, pool);
      } else if (up.length == 1) {
        futures[i] =
            futures[up[0]].thenApplyAsync(
                value -> {
                  if (value != OUTPUT) {
                    throw new IllegalStateException("no output");
                  }
                  return OUTPUT;
                },
                pool);
      } else {
        CompletableFuture<?>[] ups = new CompletableFuture<?>[up.length];
        for (int k = 0; k < up.length; k++) {
          ups[k] = futures[up[k]];
        }
        futures[i] =
            CompletableFuture.allOf(ups)
                .thenApplyAsync(
                    ignored -> {
                      for (CompletableFuture<?> parent : ups) {
                        if (parent.join() != OUTPUT) {
                          throw new IllegalStateException("no output");
                        }
                      }
                      return OUTPUT;
                    },
                    pool);
      }
    }
    for (CompletableFuture<Object> f : futures) {
      f.join();
    }
    return System.nanoTime() - start;
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

  /** The floor: one CompletableFuture per task, each started when its upstream futures complete. */
  static long runFloor(ForkJoinPool pool, int[][] upstream) {
    long start = System.nanoTime();
    int n = upstream.length;
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] futures = new CompletableFuture[n];
    Runnable task = () -> {};
    for (int i = 0; i < n; i++) {
      int[] up = upstream[i];
      if (up.length == 0) {
        futures[i] = CompletableFuture.runAsync(task, pool);
      } else if (up.length == 1) {
        futures[i] = futures[up[0]].thenRunAsync(task, pool);
      } else {
        CompletableFuture<?>[] ups = new CompletableFuture<?>[up.length];
        for (int k = 0; k < up.length; k++) {
          ups[k] = futures[up[k]];
        }
        futures[i] = CompletableFuture.allOf(ups).thenRunAsync(task, pool);
      }
    }
    for (CompletableFuture<Void> f : futures) {
      f.join();
    }
    return System.nanoTime() - start;
  }

  interface Run {
    long nanos();
  }

  /**
   * Times {@code runs} runs after {@code warmups}, and takes the median of the bytes each of a few
   * runs allocated: one run alone sometimes included a recompilation's interpreted stretch, whose
   * allocations the JIT would otherwise have eliminated.
   */
  static Stats measure(int n, int warmups, int runs, Run run) {
    for (int i = 0; i < warmups; i++) {
      run.nanos();
    }
    System.gc();
    double[] bytes = new double[5];
    for (int i = 0; i < bytes.length; i++) {
      long before = allocatedBytes();
      run.nanos();
      bytes[i] = (allocatedBytes() - before) / (double) n;
    }
    Arrays.sort(bytes);
    double[] micros = new double[runs];
    for (int i = 0; i < runs; i++) {
      micros[i] = run.nanos() / 1_000.0 / n;
    }
    Arrays.sort(micros);
    return new Stats(micros[runs / 2], micros[0], micros[runs - 1], bytes[bytes.length / 2]);
  }

  /** Bytes allocated so far by every live thread (the pools' threads live across runs). */
  static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(ids)) {
      if (bytes > 0) {
        total += bytes;
      }
    }
    return total;
  }

  /**
   * INFO logging of each transition (two lines per task: queued and processed) into a null stream,
   * against the same number of bare SLF4J+Logback calls.
   */
  static Logging loggingCost(DagRunner runner, int warmups, int runs) {
    int n = 100_000;
    DagDefinition dag = processFlowDag("logged", Shapes.LAYERED.upstream(n));
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{\"yyyy-MM-dd HH:mm:ss,SSS\"} [%logger{0}.java] %level %msg%n");
    encoder.start();
    sink.setContext(context);
    sink.setEncoder(encoder);
    sink.setOutputStream(OutputStream.nullOutputStream());
    sink.start();
    ch.qos.logback.classic.Logger processflow = context.getLogger("io.processflow");
    ch.qos.logback.classic.Logger bench = context.getLogger("bench");
    processflow.setAdditive(false);
    bench.setAdditive(false);
    processflow.addAppender(sink);
    bench.addAppender(sink);

    Stats warn = measure(n, warmups, runs, () -> runProcessFlow(runner, dag));
    processflow.setLevel(Level.INFO);
    Stats info = measure(n, warmups, runs, () -> runProcessFlow(runner, dag));
    processflow.setLevel(Level.WARN);
    bench.setLevel(Level.INFO);
    Logger bare = LoggerFactory.getLogger("bench");
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "t" + i;
    }
    // The same two lines per task into the same appender, from one thread and from as many threads
    // as the runner has (logging alone, so these threads do nothing else in between).
    ExecutorService loggers = Executors.newFixedThreadPool(THREADS);
    Stats oneThread = measure(n, warmups, runs, () -> logDirectly(bare, ids, 1, loggers));
    Stats threads = measure(n, warmups, runs, () -> logDirectly(bare, ids, THREADS, loggers));
    loggers.shutdown();
    return new Logging(
        warn.medianMicros(), info.medianMicros(), oneThread.medianMicros(), threads.medianMicros());
  }

  private static long logDirectly(Logger bare, String[] ids, int threads, ExecutorService loggers) {
    int n = ids.length;
    long start = System.nanoTime();
    CompletableFuture<?>[] parts = new CompletableFuture<?>[threads];
    for (int t = 0; t < threads; t++) {
      int from = t * n / threads;
      int to = (t + 1) * n / threads;
      parts[t] =
          CompletableFuture.runAsync(
              () -> {
                for (int i = from; i < to; i++) {
                  bare.info("adding to the queue {}", ids[i]);
                  bare.info("processed {}", ids[i]);
                }
              },
              loggers);
    }
    CompletableFuture.allOf(parts).join();
    return System.nanoTime() - start;
  }
}
