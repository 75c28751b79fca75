package io.processflow.samples.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM running the generated main of {@link CrashDag}, its output (both streams) in a file. */
record CrashJvm(Process process, Path log) {
  static CrashJvm start(Path home, String name, List<String> args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                ProcessFlowCrashDag.class.getName()));
    command.addAll(args);
    Path log = home.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new CrashJvm(process, log);
  }

  /** What the JVM wrote so far. */
  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /**
   * Waits (at most 60 s) until the output contains {@code text}; false when the JVM ended first.
   */
  boolean awaitOutput(String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return output().contains(text);
      }
      Thread.sleep(1);
    }
    return false;
  }

  /** Waits (at most 60 s) for the JVM to end; its exit status. */
  int exitStatus() throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the JVM did not end within 60 s; see " + log);
    }
    return process.exitValue();
  }
}
