package io.processflow.processor.testing;

import io.processflow.processor.DagProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles sources to a directory with javac and the processor, as a build would. */
public final class Javac {
  private Javac() {}

  /**
   * Writes {@code sources} (qualified class name to text) under {@code dir/src} and compiles them
   * to {@code dir/classes}; returns the classes directory.
   *
   * @throws AssertionError with javac's output when compilation fails
   */
  public static Path compile(Path dir, Map<String, String> sources, boolean withProcessor)
      throws IOException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-s",
                dir.resolve("generated").toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                Sources.LINT));
    Files.createDirectories(dir.resolve("generated"));
    if (withProcessor) {
      args.addAll(List.of("-processor", DagProcessor.class.getName()));
    } else {
      args.add("-proc:none");
    }
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = javac.run(null, output, output, args.toArray(new String[0]));
    if (status != 0) {
      throw new AssertionError("javac failed:\n" + output.toString(StandardCharsets.UTF_8));
    }
    return classes;
  }
}
