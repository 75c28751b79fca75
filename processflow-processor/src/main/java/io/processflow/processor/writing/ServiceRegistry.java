package io.processflow.processor.writing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Collects the generated DAG classes of every round and writes them once, when processing is over,
 * to {@code META-INF/services/io.processflow.runtime.dsl.DagProvider}. An incremental build that
 * recompiles only some DAGs keeps the entries of the previous file whose classes still exist.
 */
public final class ServiceRegistry {
  private final Map<String, Element> providers = new LinkedHashMap<>();

  public void add(String generatedClass, TypeElement originatingElement) {
    providers.put(generatedClass, originatingElement);
  }

  public void write(Filer filer, Elements elements) throws IOException {
    if (providers.isEmpty()) {
      return;
    }
    TreeSet<String> lines = new TreeSet<>(providers.keySet());
    for (String previous : readExisting(filer)) {
      if (elements.getTypeElement(previous) != null) {
        lines.add(previous);
      }
    }
    FileObject file =
        filer.createResource(
            StandardLocation.CLASS_OUTPUT,
            "",
            RuntimeNames.SERVICE_FILE,
            providers.values().toArray(new Element[0]));
    try (Writer writer = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      for (String line : lines) {
        writer.write(line);
        writer.write('\n');
      }
    }
  }

  private static TreeSet<String> readExisting(Filer filer) {
    TreeSet<String> lines = new TreeSet<>();
    try {
      FileObject existing =
          filer.getResource(StandardLocation.CLASS_OUTPUT, "", RuntimeNames.SERVICE_FILE);
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(existing.openInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          int comment = line.indexOf('#');
          String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
          if (!name.isEmpty()) {
            lines.add(name);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // No previous file (a clean build): nothing to keep.
    }
    return lines;
  }
}
