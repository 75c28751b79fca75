package io.processflow.benchmarks;

import io.processflow.benchmarks.RuntimeBench.Logging;
import io.processflow.benchmarks.RuntimeBench.Mode;
import io.processflow.benchmarks.RuntimeBench.Row;
import io.processflow.benchmarks.RuntimeBench.Stats;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RuntimeBench's report: the forks' ROW lines read back, combined over forks and printed as tables.
 */
final class BenchReport {
  private BenchReport() {}

  static Row parseRow(String line) {
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
        Double.parseDouble(f[12]),
        Double.parseDouble(f[13]));
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

  static void printSummary(List<List<Row>> rowsByFork, List<Logging> loggingByFork) {
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
      double ratio =
          median(rowsByFork.stream().mapToDouble(rows -> rows.get(row).ratio()).toArray());
      double buildBytes =
          median(rowsByFork.stream().mapToDouble(rows -> rows.get(row).buildBytes()).toArray());
      Row combined =
          new Row(mode, first.get(r).shape(), first.get(r).n(), pf, cf, ratio, buildBytes);
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
        RuntimeBench.THREADS);
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

  static void printHeader(Mode mode) {
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

  static void printRow(Row row) {
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
        row.ratio(),
        pf.bytesPerTask() / cf.bytesPerTask(),
        Double.isNaN(row.buildBytes()) ? "" : String.format(Locale.ROOT, "%.0f", row.buildBytes()));
  }
}
