package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskDefinition;
import io.processflow.runtime.internal.template.AirflowDates;
import io.processflow.runtime.time.ManualTimer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retry delays against Airflow 3's {@code TaskInstance.next_retry_datetime}, computed by Python
 * itself (resource {@code airflow-retry/next_retry_delay.py}, written from Airflow's source): the
 * backoff and its deterministic jitter, a hash of the DAG, the task, the logical date and the try.
 */
class RetryDelayTest {
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;

  /** One task of the reference DAG: its delay, its bound and whether it backs off. */
  private record Shape(String taskId, Duration delay, Duration max, boolean backoff) {}

  private static final List<Shape> SHAPES =
      List.of(
          new Shape("plain", Duration.ofMinutes(10), Duration.ofMinutes(1), false),
          new Shape("halves", Duration.ofMillis(1500), null, true),
          new Shape("tiny", Duration.ofMillis(1), null, true),
          new Shape("micro", Duration.ofNanos(333_000), null, true),
          new Shape("minutes", Duration.ofMinutes(5), null, true),
          new Shape("hours", Duration.ofHours(1), null, true),
          new Shape("bounded", Duration.ofHours(1), Duration.ofHours(3), true),
          new Shape("odd.id-with_marks", Duration.ofSeconds(7, 250_000_000), null, true));

  @Test
  void delaysAreAirflowsToTheSecondOverManyRunsAndTries() throws Exception {
    DagBuilder builder = DagBuilder.dag("reference");
    for (Shape shape : SHAPES) {
      var task = builder.task(shape.taskId(), ctx -> null).retries(3).retryDelay(shape.delay());
      task.retryExponentialBackoff(shape.backoff());
      if (shape.max() != null) {
        task.maxRetryDelay(shape.max());
      }
    }
    DagDefinition dag = builder.build();
    Random random = new Random(20261201);
    String[] dagIds = {"reference", "nightly_load", "a", "dag.with-dots_and-dashes"};
    List<String> cases = new ArrayList<>();
    List<Duration> ours = new ArrayList<>();
    for (int k = 0; k < 600; k++) {
      Shape shape = SHAPES.get(random.nextInt(SHAPES.size()));
      String dagId = dagIds[random.nextInt(dagIds.length)];
      // Whole seconds, and microseconds (which Python's str() prints as .ffffff).
      long second = 1_600_000_000L + random.nextInt(200_000_000);
      Instant logicalDate =
          random.nextBoolean()
              ? Instant.ofEpochSecond(second)
              : Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1000L);
      int tryNumber = 1 + random.nextInt(k < 500 ? 8 : 40);
      TaskDefinition task = dag.task(shape.taskId());
      ours.add(task.retryDelayAfter(dagId, logicalDate, tryNumber));
      cases.add(
          String.join(
              "\t",
              dagId,
              shape.taskId(),
              AirflowDates.ts(logicalDate),
              Integer.toString(tryNumber),
              Long.toString(micros(shape.delay())),
              Long.toString(shape.max() == null ? 0 : micros(shape.max())),
              shape.backoff() ? "1" : "0"));
    }
    List<Duration> airflow = airflowDelays(cases);
    assertThat(airflow).hasSize(cases.size());
    int jittered = 0;
    for (int k = 0; k < cases.size(); k++) {
      assertThat(ours.get(k)).as(cases.get(k)).isEqualTo(airflow.get(k));
      String[] fields = cases.get(k).split("\t");
      Duration plain = Duration.ofNanos(Long.parseLong(fields[4]) * 1000);
      if (fields[6].equals("1") && ours.get(k).getSeconds() < 24 * 3600) {
        // Airflow's window: from the backoff rounded up to the second, to twice that (exclusive).
        long min =
            Math.max(
                1,
                (long)
                    Math.ceil(
                        plain.toNanos() / 1e9 * Math.pow(2, Integer.parseInt(fields[3]) - 1)));
        if (fields[5].equals("0")) {
          assertThat(ours.get(k).getSeconds()).as(cases.get(k)).isBetween(min, 2 * min - 1);
          if (ours.get(k).getSeconds() != min) {
            jittered++;
          }
        }
      }
    }
    // The jitter is there (most waits are above the plain backoff), so the check above has teeth.
    assertThat(jittered).isGreaterThan(200);
  }

  @Test
  void theEngineWaitsThatLongBetweenTries() throws Exception {
    ManualTimer time = new ManualTimer();
    AtomicInteger tries = new AtomicInteger();
    DagBuilder builder = DagBuilder.dag("backoff");
    builder
        .task(
            "flaky",
            ctx -> {
              if (tries.incrementAndGet() < 4) {
                throw new IllegalStateException("try " + tries.get() + " failed");
              }
              return "done";
            })
        .retries(3)
        .retryDelay(Duration.ofSeconds(10))
        .retryExponentialBackoff(true);
    DagDefinition dag = builder.build();
    Instant logicalDate = Instant.parse("2024-03-31T01:30:00.000250Z");
    List<String> cases = new ArrayList<>();
    for (int t = 1; t <= 3; t++) {
      cases.add(
          String.join(
              "\t",
              "backoff",
              "flaky",
              AirflowDates.ts(logicalDate),
              Integer.toString(t),
              "10000000",
              "0",
              "1"));
    }
    List<Duration> airflow = airflowDelays(cases);
    try (DagRunner runner = DagRunner.builder().workerThreads(2).timer(time).build()) {
      RunHandle run = runner.start(dag, RunConfig.builder().logicalDate(logicalDate).build());
      for (int t = 1; t <= 3; t++) {
        int failedTries = t;
        Await.until(() -> time.pending() == 1 && tries.get() == failedTries);
        time.advance(airflow.get(t - 1).minusSeconds(1));
        assertThat(tries.get()).as("no retry a second early").isEqualTo(t);
        time.advance(Duration.ofSeconds(1));
      }
      RunResult result = run.result().get(20, TimeUnit.SECONDS);
      assertThat(result.task("flaky").state()).isEqualTo(TaskState.SUCCESS);
      assertThat(result.task("flaky").tryNumber()).isEqualTo(4);
      assertThat(time.requestedDelays()).containsExactlyElementsOf(airflow);
    }
  }

  private static long micros(Duration duration) {
    return duration.getSeconds() * 1_000_000L + duration.getNano() / 1000;
  }

  /** Airflow's delays for {@code cases}, from Python. */
  private List<Duration> airflowDelays(List<String> cases)
      throws IOException, InterruptedException {
    Path script = dir.resolve("next_retry_delay.py");
    try (InputStream in =
        RetryDelayTest.class.getResourceAsStream("/airflow-retry/next_retry_delay.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Process python =
        new ProcessBuilder(PYTHON, script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream stdin = python.getOutputStream()) {
      stdin.write((String.join("\n", cases) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as("next_retry_delay.py's exit status").isZero();
    List<Duration> delays = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        delays.add(Duration.ofNanos(Long.parseLong(line.trim()) * 1000));
      }
    }
    return delays;
  }
}
