package io.processflow.benchmarks;

import io.processflow.benchmarks.RuntimeBench.Stats;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** How RuntimeBench times a run and counts the bytes it allocates. */
final class Measure {
  private Measure() {}

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
}
