package io.processflow.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that a crash or kill test starts: a main class on the test's own class path, in a directory
 * of the test's, both output streams in {@code <dir>/<name>.log}. The runtime's, the samples' and
 * the database mode's kill tests share it (through the runtime's test jar).
 *
 * @param process the JVM
 * @param log the file its output goes to
 */
public record ChildJvm(Process process, Path log) {
  /** How long the waits below wait at most. */
  private static final long WAIT_SECONDS = 60;

  /** Starts {@code main} with {@code args} in {@code dir} (see {@link #command}). */
  public static ChildJvm start(Path dir, String name, Class<?> main, List<String> args)
      throws IOException {
    List<String> command = command(main, List.of("-Xshare:auto"), args);
    Path log = dir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new ChildJvm(process, log);
  }

  /**
   * The command that runs {@code main} with {@code args} on this JVM's class path, with {@code
   * options} and C1 only (a test's JVMs live for seconds; C2 would only compete for the CPU).
   */
  public static List<String> command(Class<?> main, List<String> options, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    return command;
  }

  /** What the JVM wrote so far. */
  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /**
   * Waits (at most 60 s) until the output contains {@code text}; false when the JVM ended first or
   * the time ran out.
   */
  public boolean awaitOutput(String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
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
  public int exitStatus() throws InterruptedException {
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the JVM did not end within 60 s; see " + log);
    }
    return process.exitValue();
  }

  /** Kills the JVM (SIGKILL) and waits (at most 60 s) until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
