package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.scheduler.ManualClock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * The scheduler of {@link SchedulerCrashTest}'s JVMs: an hourly DAG with catchup, on a clock that
 * runs {@value #SPEED} times faster than the wall clock from a start shared by every JVM, so that
 * runs come due while the scheduler runs. Each task appends {@code start <run> <task> <pid>} and
 * {@code end ...} to a side file. Arguments: runs dir, side file, simulated start, its wall-clock
 * millis.
 */
final class SchedulerCrashMain {
  /** One simulated hour in 150 ms. */
  static final long SPEED = 24_000;

  static final String START = "2024-01-01T00:00:00Z";
  static final String END = "2024-01-02T12:00:00Z";

  private SchedulerCrashMain() {}

  public static void main(String[] args) {
    Path side = Path.of(args[1]);
    Instant simulatedStart = Instant.parse(args[2]);
    long wallStart = Long.parseLong(args[3]);
    DagBuilder dag =
        DagBuilder.dag("crashy")
            .schedule("@hourly")
            .startDate(START)
            .endDate(END)
            .catchup(true)
            .maxActiveRuns(4);
    dag.task("extract", ctx -> work(side, ctx.runId(), "extract"));
    dag.task("load", ctx -> work(side, ctx.runId(), "load"));
    dag.dependency("extract", "load");
    ManualClock fast = new ManualClock(simulatedStart);
    Thread ticking =
        new Thread(
            () -> {
              while (true) {
                fast.set(
                    simulatedStart.plusMillis((System.currentTimeMillis() - wallStart) * SPEED));
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fast-clock");
    ticking.setDaemon(true);
    ticking.start();
    System.exit(
        new picocli.CommandLine(new SchedulerCommand(List.of(DagProvider.of(dag.build())), fast, 5))
            .execute("--runs-dir", args[0], "--no-fsync", "--shutdown-grace", "10s"));
  }

  private static Object work(Path side, String runId, String task) throws Exception {
    append(side, "start " + runId + " " + task + " " + ProcessHandle.current().pid());
    Thread.sleep(20 + (runId.hashCode() & 15));
    append(side, "end " + runId + " " + task + " " + ProcessHandle.current().pid());
    return null;
  }

  private static synchronized void append(Path side, String line) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            side, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      channel.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }
  }
}
