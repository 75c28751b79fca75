package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs of a kill test: each runs a node's main class on the test's class path, its output in
 * {@code <home>/<name>.log}; closing kills those still alive (SIGKILL) and waits for them.
 */
final class NodeJvms implements AutoCloseable {
  private final Path home;
  private final List<Process> processes = new ArrayList<>();

  NodeJvms(Path home) {
    this.home = home;
  }

  /** Starts {@code main} with {@code args} as node {@code name}. */
  Process start(String name, Class<?> main, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve(name + ".log").toFile())
            .start();
    processes.add(process);
    return process;
  }

  /** What node {@code name} has printed so far. */
  String output(String name) throws IOException {
    Path log = home.resolve(name + ".log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits up to a minute for node {@code name} to print {@code text}. */
  void awaitOutput(String name, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!output(name).contains(text)) {
      assertThat(System.nanoTime())
          .as("%s never printed '%s':%n%s", name, text, output(name))
          .isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
