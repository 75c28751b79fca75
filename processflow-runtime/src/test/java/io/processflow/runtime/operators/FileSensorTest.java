package io.processflow.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.runtime.template.FakeTaskContext;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.time.ManualTimer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSensorTest {
  private final ManualTimer timer = new ManualTimer();
  private final FakeTaskContext context =
      new FakeTaskContext(
              "wait", Instant.parse("2024-01-31T00:00:00Z"), TemplateEngine.defaultEngine())
          .timer(timer);

  @SuppressWarnings("unchecked")
  private CompletableFuture<Object> start(BaseSensorOperator sensor) throws Exception {
    return (CompletableFuture<Object>) sensor.execute(context);
  }

  @Test
  void waitsUntilTheRenderedPathExists(@TempDir Path dir) throws Exception {
    CompletableFuture<Object> result =
        start(
            new FileSensor("{{ ds_nodash }}/_SUCCESS")
                .basePath(dir)
                .pokeInterval(Duration.ofSeconds(30)));
    timer.advance(Duration.ofMinutes(5));
    assertThat(result).isNotDone();

    Files.createDirectories(dir.resolve("20240131"));
    Files.writeString(dir.resolve("20240131/_SUCCESS"), "");
    timer.advance(Duration.ofSeconds(30));

    assertThat(result).isCompletedWithValue("20240131/_SUCCESS");
  }

  @Test
  void aGlobMatchesAnyFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("part-0001.csv"), "");
    CompletableFuture<Object> result = start(new FileSensor(dir + "/part-*.csv"));
    assertThat(result).isCompleted();
  }

  @Test
  void failsWithSensorTimeoutAfterTheTimeout(@TempDir Path dir) throws Exception {
    CompletableFuture<Object> result =
        start(
            new FileSensor("never")
                .basePath(dir)
                .pokeInterval(Duration.ofSeconds(10))
                .timeout(Duration.ofMinutes(1)));
    timer.advance(Duration.ofMinutes(2));
    Throwable error =
        result.handle((v, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
    assertThat(error)
        .isInstanceOf(SensorTimeoutException.class)
        .hasMessageContaining("FileSensor: file " + dir.resolve("never"))
        .hasMessageContaining("was not met within PT1M");
  }

  @Test
  void cancellingStopsPoking(@TempDir Path dir) throws Exception {
    CompletableFuture<Object> result = start(new FileSensor("never").basePath(dir));
    result.cancel(true);
    assertThat(timer.pending()).isZero();
  }

  @Test
  void aPathThatRendersBlankFailsInsteadOfMatchingTheBaseDirectory(@TempDir Path dir)
      throws Exception {
    context.param("file", "");
    CompletableFuture<Object> result = start(new FileSensor("{{ params.file }}").basePath(dir));
    assertThatThrownBy(result::join).hasMessageContaining("filepath rendered blank");
  }
}
