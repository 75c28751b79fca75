package io.processflow.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.DagRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with {@code kill -9} while Bash tasks run leaves none of their processes behind:
 * neither the commands, nor their children, nor grandchildren re-parented to init. Each round runs
 * {@link #main} in a JVM of its own and kills it at a random moment of the commands' lives.
 */
class BashOrphanTest {
  @TempDir Path dir;

  /**
   * Runs three Bash tasks that start orphans and sleep, each writing its pids to {@code args[0]}.
   */
  public static void main(String[] args) {
    Path pids = Path.of(args[0]);
    DagBuilder dag = DagBuilder.dag("orphans").maxActiveTasks(3);
    for (int i = 0; i < 3; i++) {
      dag.task(
          "bash_" + i,
          new BashOperator(
              "( sleep 300 & echo $! >> "
                  + pids
                  + " ); sleep 300 & echo $! >> "
                  + pids
                  + "; echo $$ >> "
                  + pids
                  + "; sleep 300"));
    }
    try (DagRunner runner = DagRunner.create()) {
      runner.run(dag.build());
    }
  }

  @Test
  void aKilledJvmLeavesNoBashProcessBehind() throws Exception {
    Random random = new Random(20261130L);
    for (int round = 0; round < 3; round++) {
      Path pids = dir.resolve("pids-" + round);
      Process jvm =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  BashOrphanTest.class.getName(),
                  pids.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("jvm-" + round + ".log").toFile())
              .start();
      List<ProcessHandle> processes;
      try {
        processes = awaitPids(pids, 9);
        Thread.sleep(random.nextInt(200));
      } finally {
        jvm.destroyForcibly(); // SIGKILL
      }
      assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (ProcessHandle process : processes) {
        process.onExit().get(30, TimeUnit.SECONDS);
        assertThat(process.isAlive()).as("pid " + process.pid()).isFalse();
      }
    }
  }

  private static List<ProcessHandle> awaitPids(Path file, int count)
      throws IOException, InterruptedException {
    for (int i = 0; i < 6000; i++) {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
      if (lines.size() >= count) {
        List<ProcessHandle> processes = new ArrayList<>();
        for (String line : lines) {
          ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(processes::add);
        }
        assertThat(processes).as("processes alive before the kill").hasSize(count);
        return processes;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the commands never wrote " + count + " pids to " + file);
  }
}
