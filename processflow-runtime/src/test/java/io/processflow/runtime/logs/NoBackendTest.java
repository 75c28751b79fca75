package io.processflow.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task logs need no logging backend: a JVM whose classpath has none keeps them all the same. */
class NoBackendTest {
  @TempDir Path dir;

  @Test
  void triesKeepTheirLogsWithNoSlf4jBackend() throws Exception {
    List<String> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("logback")) {
        classpath.add(entry);
      }
    }
    Path runsDir = dir.resolve("runs");
    Path err = dir.resolve("stderr");
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classpath),
                NoBackendMain.class.getName(),
                runsDir.toString())
            .redirectErrorStream(false)
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(jvm.exitValue()).as(Files.readString(err)).isZero();
    // The JVM had no backend: SLF4J says so, and would have dropped every line.
    assertThat(Files.readString(err, StandardCharsets.UTF_8))
        .contains("No SLF4J providers were found");

    assertThat(Files.readString(TaskLogFiles.file(runsDir, "bare", "r1", "load", 1)))
        .contains("{task} INFO - try 1 of load")
        .contains("java.lang.IllegalStateException: first try fails")
        .contains("Marking task as UP_FOR_RETRY");
    assertThat(Files.readString(TaskLogFiles.file(runsDir, "bare", "r1", "load", 2)))
        .contains("{task} INFO - try 2 of load")
        .contains("Marking task as SUCCESS");
  }
}
