package io.processflow.benchmarks;

import io.processflow.processor.DagProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compile time of a generated {@code @Dag} class of 1,000, 2,000 and 10,000 tasks, compiled in this
 * JVM with javax.tools without the annotation processor ({@code -proc:none}) and with it (which
 * also compiles the generated class). Prints, per size, the median [min-max] of each over repeated
 * runs after warm-up, the ratio on/off, and the "on" time split into the processor's own time
 * ({@code init} and {@code process}, measured around the processor) and the rest, mostly javac
 * compiling the generated code.
 *
 * <p>The DAG: {@code t0}, then a chain {@code t1..t(N-2)} each passing an int along through
 * {@code @From} and each also {@code @DependsOn("t0")}, then a sink that {@code @DependsOn} all of
 * them (an (N-1)-way fan-in) and takes the last value through {@code @From}.
 *
 * <p>Usage, from the project root (the jar is its own javac classpath):
 *
 * <pre>{@code
 * mvn -B -ntp -q -DskipTests package
 * java -Xmx2g -cp processflow-benchmarks/target/processflow-benchmarks.jar \
 *     io.processflow.benchmarks.CompileBench [--warmups 3] [--runs 5] [sizes...]
 * }</pre>
 *
 * <p>Sizes default to {@code 1000 2000 10000}; {@code -Xmx2g} is the heap the 10,000-task goal is
 * stated for. Other processes sharing the cores make the figures noisy: compare medians of one run
 * of the bench, not figures from different machines.
 */
public final class CompileBench {
  private CompileBench() {}

  record Stats(long median, long min, long max) {
    static Stats of(long[] millis) {
      long[] sorted = millis.clone();
      Arrays.sort(sorted);
      return new Stats(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%6d [%6d-%6d]", median, min, max);
    }
  }

  public static void main(String[] args) throws IOException {
    int warmups = 3;
    int runs = 5;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> sizes.add(Integer.parseInt(args[i].replace("_", "")));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1_000, 2_000, 10_000);
    }
    System.out.printf(
        Locale.ROOT,
        "ProcessFlow compile-time benchmark: JDK %s, max heap %d MiB, %d warm-ups + %d runs, times in ms%n%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        warmups,
        runs);
    System.out.printf(
        Locale.ROOT,
        "%7s | %-22s | %-22s | %6s | %-22s | %-22s%n",
        "tasks",
        "processor off",
        "processor on",
        "ratio",
        "  of which processor",
        "  of which the rest");
    Path dir = Files.createTempDirectory("compile-bench");
    try {
      for (int tasks : sizes) {
        Path source = dir.resolve("src/bench/BenchDag.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, source(tasks), StandardCharsets.UTF_8);
        for (int i = 0; i < warmups; i++) {
          compile(dir, source, false);
          compile(dir, source, true);
        }
        long[] off = new long[runs];
        long[] on = new long[runs];
        long[] processor = new long[runs];
        long[] rest = new long[runs];
        for (int i = 0; i < runs; i++) {
          off[i] = compile(dir, source, false)[0];
          long[] timed = compile(dir, source, true);
          on[i] = timed[0];
          processor[i] = timed[1];
          rest[i] = timed[0] - timed[1];
        }
        Stats offStats = Stats.of(off);
        Stats onStats = Stats.of(on);
        System.out.printf(
            Locale.ROOT,
            "%7d | %s | %s | %6.2f | %s | %s%n",
            tasks,
            offStats,
            onStats,
            (double) onStats.median() / offStats.median(),
            Stats.of(processor),
            Stats.of(rest));
      }
    } finally {
      Directories.delete(dir);
    }
  }

  /**
   * The source of {@code bench.BenchDag} with {@code tasks} tasks: the chain and fan-in described
   * in the class comment.
   */
  public static String source(int tasks) {
    StringBuilder source =
        new StringBuilder(
            "package bench;\n\nimport io.processflow.api.*;\n\n@Dag\npublic class BenchDag {\n");
    source.append("  @Task int t0() { return 0; }\n");
    StringJoiner all = new StringJoiner(", ");
    all.add("\"t0\"");
    for (int i = 1; i < tasks - 1; i++) {
      source
          .append("  @Task @DependsOn(\"t0\") int t")
          .append(i)
          .append("(@From(\"t")
          .append(i - 1)
          .append("\") int n) { return n + 1; }\n");
      all.add("\"t" + i + "\"");
    }
    source
        .append("  @Task @DependsOn({")
        .append(all)
        .append("})\n")
        .append("  void sink(@From(\"t")
        .append(tasks - 2)
        .append("\") int last) {}\n}\n");
    return source.toString();
  }

  /** Compiles {@code source} to a fresh directory; returns {wall time, processor time} in ms. */
  private static long[] compile(Path dir, Path source, boolean withProcessor) throws IOException {
    Path out = Files.createTempDirectory(dir, withProcessor ? "on" : "off");
    Files.createDirectories(out.resolve("generated"));
    List<String> options =
        new ArrayList<>(
            List.of(
                "-d",
                out.toString(),
                "-s",
                out.resolve("generated").toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "-Xlint:all,-processing,-serial"));
    if (!withProcessor) {
      options.add("-proc:none");
    }
    System.gc();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    TimedProcessor processor = new TimedProcessor(new DagProcessor());
    long start = System.nanoTime();
    boolean ok;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(output, files, null, options, null, files.getJavaFileObjects(source));
      if (withProcessor) {
        task.setProcessors(List.of(processor));
      }
      ok = task.call();
    }
    long wall = System.nanoTime() - start;
    Directories.delete(out);
    if (!ok) {
      throw new IllegalStateException("javac failed:\n" + output);
    }
    return new long[] {wall / 1_000_000, processor.nanos / 1_000_000};
  }

  /** The processor, with the time spent in its {@code init} and {@code process} summed up. */
  private static final class TimedProcessor implements Processor {
    private final Processor delegate;
    long nanos;

    TimedProcessor(Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment processingEnv) {
      long start = System.nanoTime();
      delegate.init(processingEnv);
      nanos += System.nanoTime() - start;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
      long start = System.nanoTime();
      boolean claimed = delegate.process(annotations, roundEnv);
      nanos += System.nanoTime() - start;
      return claimed;
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
