package io.processflow.processor.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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

  private static List<String> command(Path extraClasses, String mainClass, String... args) {
    String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                launcher,
                "-cp",
                extraClasses + File.pathSeparator + System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /** Starts a main class whose output the test follows while it runs, to signal it. */
  public static Running start(Path extraClasses, String mainClass, String... args)
      throws IOException {
    Path err = Files.createTempFile("jvm", ".err");
    // A fresh working directory each time: the CLI journals runs under ./processflow-runs.
    Path workDir = Files.createTempDirectory("jvm-cwd");
    Process process =
        new ProcessBuilder(command(extraClasses, mainClass, args))
            .directory(workDir.toFile())
            .redirectError(err.toFile())
            .start();
    return new Running(process, err);
  }

  /** A JVM still running; its standard output is collected as it comes. */
  public static final class Running {
    private final Process process;
    private final Path err;
    private final StringBuffer out = new StringBuffer();
    private final Thread reader;

    Running(Process process, Path err) {
      this.process = process;
      this.err = err;
      this.reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.append(line).append('\n');
                  }
                } catch (IOException e) {
                  out.append("(output unreadable: ").append(e).append(")\n");
                }
              },
              "jvm-output");
      reader.start();
    }

    public Process process() {
      return process;
    }

    /** Waits until the output contains {@code text}; fails after {@code seconds}. */
    public void awaitOutput(String text, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (out.indexOf(text) < 0) {
        if (System.nanoTime() > deadline || !process.isAlive() && !reader.isAlive()) {
          process.destroyForcibly();
          throw new AssertionError("no '" + text + "' in the output:\n" + out);
        }
        Thread.sleep(20);
      }
    }

    /** Waits for the exit (at most {@code seconds}) and returns what the JVM printed. */
    public Result waitFor(int seconds) throws IOException, InterruptedException {
      try {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("still running after " + seconds + "s; output:\n" + out);
        }
        reader.join(TimeUnit.SECONDS.toMillis(seconds));
        return new Result(
            process.exitValue(), out.toString(), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(err);
      }
    }
  }

  public static Result run(Path extraClasses, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = command(extraClasses, mainClass, args);
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
