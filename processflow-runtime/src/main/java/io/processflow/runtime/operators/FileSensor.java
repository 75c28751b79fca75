package io.processflow.runtime.operators;

import io.processflow.api.TaskContext;
import io.processflow.api.TypedOperator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Airflow's {@code FileSensor}: waits until a file or directory exists. {@code filepath} is
 * templated ({@code /data/{{ ds_nodash }}/_SUCCESS}); a glob in its last segment ({@code
 * /data/part-*.csv}) waits for any match. A relative path is resolved against {@link
 * #basePath(Path)}, the working directory by default. The output is the rendered path.
 */
public final class FileSensor extends BaseSensorOperator implements TypedOperator<String> {
  private final String filepath;
  private Path basePath = Path.of("");

  public FileSensor(String filepath) {
    if (filepath == null || filepath.isBlank()) {
      throw new IllegalArgumentException(
          "FileSensor needs a filepath, such as \"/data/{{ ds }}/_SUCCESS\"");
    }
    this.filepath = filepath;
  }

  /** The directory relative paths are resolved against. */
  public FileSensor basePath(Path basePath) {
    this.basePath = Objects.requireNonNull(basePath, "basePath");
    return this;
  }

  @Override
  protected Map<String, ?> templateFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("filepath", filepath);
    return fields;
  }

  @Override
  protected boolean poke(TaskContext context, RenderedFields fields) throws IOException {
    String filepath = fields.string("filepath");
    if (filepath.isBlank()) {
      // A blank path would resolve to the base directory itself, which exists: a silent success.
      throw new IllegalArgumentException(
          "FileSensor of task '"
              + context.taskId()
              + "': filepath rendered blank; it must name a file or a glob");
    }
    Path path = basePath.resolve(filepath);
    String last = path.getFileName() == null ? "" : path.getFileName().toString();
    if (!last.contains("*") && !last.contains("?") && !last.contains("[")) {
      return Files.exists(path);
    }
    Path dir = path.getParent() == null ? basePath.toAbsolutePath() : path.getParent();
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, last)) {
      return matches.iterator().hasNext();
    }
  }

  @Override
  protected Object output(TaskContext context, RenderedFields fields) {
    return fields.string("filepath");
  }

  @Override
  protected String describe(RenderedFields fields) {
    return "FileSensor: file " + basePath.resolve(fields.string("filepath"));
  }
}
