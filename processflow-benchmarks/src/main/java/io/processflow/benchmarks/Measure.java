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
    double bytes = bytesPerTask(n, run);
    double[] micros = new double[runs];
    for (int i = 0; i < runs; i++) {
      micros[i] = run.nanos() / 1_000.0 / n;
    }
    return stats(micros, bytes);
  }

  /** Two measurements taken pair by pair, and the median of each pair's ratio. */
  record Paired(Stats first, Stats second, double medianRatio) {}

  /**
   * Measures {@code first} and {@code second} side by side: after warming both, each of {@code
   * runs} rounds times one run of each, in alternating order, and the ratio of the round's two
   * times. On a shared VM the speed of the machine drifts (another guest, another process, the
   * JIT's regime) over seconds; a ratio of two runs taken back to back sees the same machine, while
   * a ratio of two medians taken one after the other does not. farm-bench pairs its runs the same
   * way.
   */
  static Paired measurePaired(int n, int warmups, int runs, Run first, Run second) {
    for (int i = 0; i < warmups; i++) {
      first.nanos();
      second.nanos();
    }
    System.gc();
    double firstBytes = bytesPerTask(n, first);
    double secondBytes = bytesPerTask(n, second);
    double[] a = new double[runs];
    double[] b = new double[runs];
    double[] ratios = new double[runs];
    for (int i = 0; i < runs; i++) {
      if (i % 2 == 0) {
        a[i] = first.nanos() / 1_000.0 / n;
        b[i] = second.nanos() / 1_000.0 / n;
      } else {
        b[i] = second.nanos() / 1_000.0 / n;
        a[i] = first.nanos() / 1_000.0 / n;
      }
      ratios[i] = a[i] / b[i];
    }
    Arrays.sort(ratios);
    return new Paired(stats(a, firstBytes), stats(b, secondBytes), ratios[runs / 2]);
  }

  /** The median of the bytes per task a few runs allocated (see measure). */
  private static double bytesPerTask(int n, Run run) {
    double[] bytes = new double[5];
    for (int i = 0; i < bytes.length; i++) {
      long before = allocatedBytes();
      run.nanos();
      bytes[i] = (allocatedBytes() - before) / (double) n;
    }
    Arrays.sort(bytes);
    return bytes[bytes.length / 2];
  }

  private static Stats stats(double[] micros, double bytesPerTask) {
    double[] sorted = micros.clone();
    Arrays.sort(sorted);
    return new Stats(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], bytesPerTask);
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
