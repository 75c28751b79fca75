package io.processflow.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.processflow.benchmarks.RuntimeBench.Logging;
import io.processflow.benchmarks.RuntimeBench.Stats;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.execution.DagRunner;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RuntimeBench's logging line: INFO logging of transitions against bare SLF4J+Logback calls. */
final class LoggingCost {
  private LoggingCost() {}

  /**
   * INFO logging of each transition (two lines per task: queued and processed) into a null stream,
   * against the same number of bare SLF4J+Logback calls.
   */
  static Logging loggingCost(DagRunner runner, int warmups, int runs) {
    int n = 100_000;
    DagDefinition dag = RuntimeBench.processFlowDag("logged", Shapes.LAYERED.upstream(n));
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

    Stats warn = Measure.measure(n, warmups, runs, () -> RuntimeBench.runProcessFlow(runner, dag));
    processflow.setLevel(Level.INFO);
    Stats info = Measure.measure(n, warmups, runs, () -> RuntimeBench.runProcessFlow(runner, dag));
    processflow.setLevel(Level.WARN);
    bench.setLevel(Level.INFO);
    Logger bare = LoggerFactory.getLogger("bench");
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "t" + i;
    }
    // The same two lines per task into the same appender, from one thread and from as many threads
    // as the runner has (logging alone, so these threads do nothing else in between).
    ExecutorService loggers = Executors.newFixedThreadPool(RuntimeBench.THREADS);
    Stats oneThread = Measure.measure(n, warmups, runs, () -> logDirectly(bare, ids, 1, loggers));
    Stats threads =
        Measure.measure(
            n, warmups, runs, () -> logDirectly(bare, ids, RuntimeBench.THREADS, loggers));
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
