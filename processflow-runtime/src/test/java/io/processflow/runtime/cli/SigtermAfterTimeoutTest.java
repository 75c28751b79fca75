package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 2, in a separate JVM: SIGTERM during a run whose timed-out task ignores its
 * interrupt exits with the summary, without waiting out the cancel's grace period ({@link
 * DagRuns#CANCEL_GRACE}, 30 s) for a body that will never return.
 */
class SigtermAfterTimeoutTest {
  @TempDir Path runsDir;

  @Test
  void sigtermDoesNotWaitForABodyGivenUpAtItsTimeout() throws Exception {
    Path log = runsDir.resolve("jvm.log");
    Process jvm =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SigtermAfterTimeoutMain.class.getName(),
                    runsDir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("stubborn ignores its interrupt")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Files.readString(log))
        .as("the stubborn task timed out")
        .contains("stubborn ignores its interrupt");
    jvm.destroy(); // SIGTERM
    long grace = DagRuns.CANCEL_GRACE.toSeconds();
    boolean exited = jvm.waitFor(grace / 2, TimeUnit.SECONDS);
    if (!exited) {
      jvm.destroyForcibly().waitFor();
    }
    assertThat(exited).as("exited well within the %ss grace", grace).isTrue();
    String out = Files.readString(log);
    assertThat(jvm.exitValue()).isEqualTo(143);
    assertThat(out).containsPattern("stubborn +failed").containsPattern("waiter +failed");
  }
}
