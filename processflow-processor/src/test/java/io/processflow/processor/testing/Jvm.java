package io.processflow.processor.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a separate JVM on the test classpath plus extra directories. */
public final class Jvm {
  /** What a run printed and how it exited. */
  public record Result(int exitCode, String out, String err) {}

  private Jvm() {}

  public static Result run(Path extraClasses, String mainClass, String... args)
      throws IOException, InterruptedException {
    String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(
        launcher,
        "-cp",
        extraClasses + File.pathSeparator + System.getProperty("java.class.path"),
        mainClass));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("jvm", ".out");
    Path err = Files.createTempFile("jvm", ".err");
    try {
      // A fresh working directory each time: the CLI journals runs under ./processflow-runs.
      Path workDir = Files.createTempDirectory("jvm-cwd");
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
