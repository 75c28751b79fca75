package io.processflow.processor.bench;

import io.processflow.processor.testing.Javac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * Compile time of a generated {@code @Dag} class of N tasks, with the processor (which also
 * compiles the generated class) and without it. Not a test: run its {@code main} by hand, on the
 * test classpath, for the figures in the docs.
 *
 * <pre>java -cp ... io.processflow.processor.bench.CompileTimeBench 2000 5</pre>
 *
 * <p>The DAG is a chain of N-1 tasks passing an int through {@code @From}, every task also
 * {@code @DependsOn} the first one, and a sink that depends on all of them (an N-way fan-in).
 */
public final class CompileTimeBench {
  private CompileTimeBench() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Map<String, String> source = Map.of("bench.BenchDag", source(tasks));
    Path dir = Files.createTempDirectory("compile-bench");
    try {
      // Warm up javac's classes in this JVM, as a build daemon or a second module would.
      time(dir, source, true);
      time(dir, source, false);
      long[] on = new long[runs];
      long[] off = new long[runs];
      for (int i = 0; i < runs; i++) {
        off[i] = time(dir, source, false);
        on[i] = time(dir, source, true);
      }
      long medianOn = median(on);
      long medianOff = median(off);
      System.out.printf(
          "%d tasks: processor off %d ms, on %d ms (x%.2f), medians of %d runs; on=%s off=%s%n",
          tasks, medianOff, medianOn, (double) medianOn / medianOff, runs, Arrays.toString(on), Arrays.toString(off));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long time(Path dir, Map<String, String> source, boolean processor) throws Exception {
    Path run = Files.createTempDirectory(dir, processor ? "on" : "off");
    long start = System.nanoTime();
    Javac.compile(run, source, processor);
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  public static String source(int tasks) {
    StringBuilder source = new StringBuilder("package bench;\n\nimport io.processflow.api.*;\n\n@Dag\npublic class BenchDag {\n");
    source.append("  @Task int t0() { return 0; }\n");
    StringJoiner all = new StringJoiner(", ");
    all.add("\"t0\"");
    for (int i = 1; i < tasks - 1; i++) {
      source.append("  @Task @DependsOn(\"t0\") int t").append(i)
          .append("(@From(\"t").append(i - 1).append("\") int n) { return n + 1; }\n");
      all.add("\"t" + i + "\"");
    }
    source.append("  @Task @DependsOn({").append(all).append("}) void sink() {}\n}\n");
    return source.toString();
  }
}
