package io.processflow.test;

import static io.processflow.test.ProcessFlowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.operators.FileSensor;
import io.processflow.runtime.operators.SensorTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensors poke on the run's clock, so a test moves through hours of waiting at once, or step by
 * step.
 */
class SensorAndClockTest {
  @TempDir Path dir;

  private DagDefinition waitForFile() {
    DagBuilder dag = DagBuilder.dag("wait_for_file");
    dag.task(
            "wait",
            new FileSensor("in.csv")
                .basePath(dir)
                .pokeInterval(Duration.ofMinutes(1))
                .timeout(Duration.ofHours(2)))
        .then(
            dag.task("read", ctx -> Files.readString(dir.resolve((String) ctx.xcomPull("wait")))));
    return dag.build();
  }

  @Test
  void aSensorThatNeverSeesItsFileTimesOutOnTheClockWithoutRealWaiting() {
    DagTester tester = DagTester.of(waitForFile());

    DagRun run = tester.run();

    assertThat(run)
        .failed()
        .task("wait")
        .failedWith(SensorTimeoutException.class, "in.csv")
        .and()
        .task("read")
        .isUpstreamFailed();
    assertThat(tester.clock().now()).isEqualTo(TestClock.DEFAULT_START.plus(Duration.ofHours(2)));
  }

  @Test
  void aStartedRunMovesOnlyWhenTheTestAdvancesTheClock() throws IOException {
    DagTester tester = DagTester.of(waitForFile());
    try (RunningDag running = tester.start()) {
      running.advance(Duration.ofMinutes(30));
      assertThat(running.isDone()).isFalse();
      assertThat(running.state().task("wait").state()).isEqualTo(TaskState.RUNNING);

      Files.writeString(dir.resolve("in.csv"), "a,b\n");
      running.advance(Duration.ofMinutes(1)); // the next poke sees the file

      DagRun run = running.await();
      assertThat(run)
          .succeeded()
          .task("wait")
          .hasOutput("in.csv")
          .and()
          .task("read")
          .hasOutput("a,b\n");
      assertThat(run.task("wait").duration()).isEqualTo(Duration.ofMinutes(31));
    }
  }
}
