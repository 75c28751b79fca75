package io.processflow.benchmarks;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunRecorder;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.journal.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The run journal's cost per task on a 10,000-task DAG (layered, 2 worker threads, each task
 * returning a small record that is journaled with its type): no journal, the journal written but
 * not forced ({@code recorder(false)}), the same without a log per try ({@code recorder(false,
 * TaskLogs.OFF)}, the CLI's {@code --no-task-logs}), and forced ({@code recorder(true)}: two
 * fdatasyncs per task, {@code running} and the end). Prints µs per task (median [min-max]), the
 * overhead over no journal, and journal bytes per task.
 *
 * <p>Usage: {@code java -cp processflow-benchmarks/target/processflow-benchmarks.jar
 * io.processflow.benchmarks.JournalBench [--quick] [--dir DIR]} (DIR: where journals go, default a
 * temporary directory; put it on the disk you care about).
 */
public final class JournalBench {
  private static final int TASKS = 10_000;
  private static final int THREADS = 2;

  /** What a task returns: small, typed, journaled with its type. */
  public record Row(int id, String name) {}

  private JournalBench() {}

  private static int runs;

  public static void main(String[] args) throws IOException {
    List<String> options = Arrays.asList(args);
    boolean quick = options.contains("--quick");
    int dirAt = options.indexOf("--dir");
    Path base =
        dirAt >= 0 ? Path.of(options.get(dirAt + 1)) : Files.createTempDirectory("journal-bench");
    int warmups = quick ? 1 : 3;
    int measured = quick ? 3 : 5;
    DagDefinition dag = dag(Shapes.LAYERED.upstream(TASKS));
    System.out.printf(
        Locale.ROOT,
        "Run journal overhead: %,d tasks (layered), %d worker threads, JDK %s, journals in %s, %d warm-ups + %d runs%n%n",
        TASKS,
        THREADS,
        System.getProperty("java.version"),
        base,
        warmups,
        measured);
    System.out.printf(
        Locale.ROOT,
        "%-22s %-26s %14s %12s%n",
        "mode",
        "us/task median [min-max]",
        "overhead us/task",
        "bytes/task");
    try (DagRunner runner =
        DagRunner.builder().workerThreads(THREADS).maxActiveTasks(THREADS).build()) {
      double[] off = measure(runner, dag, null, base, warmups, measured);
      print("no journal", off, 0, 0);
      double[] unforced =
          measure(
              runner,
              dag,
              Journals.in(base.resolve("unforced")).recorder(false),
              base,
              warmups,
              measured);
      print("journal, no force", unforced, off[0], bytesPerTask(base.resolve("unforced")));
      double[] noLogs =
          measure(
              runner,
              dag,
              Journals.in(base.resolve("no-task-logs")).recorder(false, RunStore.TaskLogs.OFF),
              base,
              warmups,
              measured);
      print("  without task logs", noLogs, off[0], bytesPerTask(base.resolve("no-task-logs")));
      double[] forced =
          measure(
              runner,
              dag,
              Journals.in(base.resolve("forced")).recorder(true),
              base,
              warmups,
              measured);
      print("journal, forced", forced, off[0], bytesPerTask(base.resolve("forced")));
    } finally {
      if (dirAt < 0) {
        Directories.delete(base);
      }
    }
  }

  private static DagDefinition dag(int[][] upstream) {
    DagBuilder dag = DagBuilder.dag("journal_bench");
    for (int i = 0; i < upstream.length; i++) {
      int id = i;
      dag.task("t" + i, ctx -> new Row(id, "row")).outputType(Row.class);
    }
    for (int i = 0; i < upstream.length; i++) {
      for (int u : upstream[i]) {
        dag.dependency("t" + u, "t" + i);
      }
    }
    return dag.build();
  }

  /** Median, min and max µs per task. */
  private static double[] measure(
      DagRunner runner,
      DagDefinition dag,
      RunRecorder recorder,
      Path base,
      int warmups,
      int measured) {
    for (int i = 0; i < warmups; i++) {
      run(runner, dag, recorder);
    }
    double[] micros = new double[measured];
    for (int i = 0; i < measured; i++) {
      micros[i] = run(runner, dag, recorder) / 1_000.0 / TASKS;
    }
    Arrays.sort(micros);
    return new double[] {micros[measured / 2], micros[0], micros[measured - 1]};
  }

  private static long run(DagRunner runner, DagDefinition dag, RunRecorder recorder) {
    RunConfig.Builder config = RunConfig.builder().runId("bench-" + runs++);
    if (recorder != null) {
      config.recorder(recorder);
    }
    long start = System.nanoTime();
    RunResult result = runner.run(dag, config.build());
    long elapsed = System.nanoTime() - start;
    if (!result.succeeded()) {
      throw new IllegalStateException("benchmark run failed: " + result);
    }
    return elapsed;
  }

  private static void print(String mode, double[] stats, double baseline, double bytes) {
    System.out.printf(
        Locale.ROOT,
        "%-22s %7.2f [%7.2f-%7.2f]      %14s %12.0f%n",
        mode,
        stats[0],
        stats[1],
        stats[2],
        baseline == 0 ? "-" : String.format(Locale.ROOT, "%.2f", stats[0] - baseline),
        bytes);
  }

  private static double bytesPerTask(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> journals =
          files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".jsonl")).toList();
      long total = 0;
      for (Path file : journals) {
        total += Files.size(file);
      }
      return total / (double) journals.size() / TASKS;
    }
  }
}
