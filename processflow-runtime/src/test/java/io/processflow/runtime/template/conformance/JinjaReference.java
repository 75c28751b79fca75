package io.processflow.runtime.template.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.processflow.runtime.internal.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Jinja2, set up as Airflow 3 sets it up: runs {@code airflow_render.py} with Debian's {@code
 * /usr/bin/python3} once for a whole batch of templates (JSON in on stdin, JSON out).
 */
public final class JinjaReference {
  static final String PYTHON = "/usr/bin/python3";
  private static final String INSTALL =
      "Real Jinja2 and pendulum are needed for the template conformance suite: install Debian's "
          + "python3-jinja2 and python3-pendulum for "
          + PYTHON
          + " (apt-get install -y python3-jinja2 python3-pendulum; .ci/run does this as root).";

  private JinjaReference() {}

  /** Renders every template of {@code templates} with {@code context} (context.json's fields). */
  static List<Outcome> render(ObjectNode context, List<String> templates) throws IOException {
    return run(context.deepCopy(), templates);
  }

  /**
   * Renders every template of {@code templates} with exactly {@code names} (JSON values) as its
   * names, no Airflow context; {@code shell_quote} is {@code shlex.quote}.
   */
  public static List<Outcome> renderWithNames(Map<String, ?> names, List<String> templates)
      throws IOException {
    ObjectNode request = Json.mapper().createObjectNode();
    request.set("names", Json.mapper().valueToTree(names));
    return run(request, templates);
  }

  private static List<Outcome> run(ObjectNode request, List<String> templates) throws IOException {
    requireJinja2(PYTHON);
    ArrayNode list = request.putArray("templates");
    templates.forEach(list::add);
    Process process =
        new ProcessBuilder(PYTHON, script().toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(Json.mapper().writeValueAsBytes(request));
    }
    byte[] out = process.getInputStream().readAllBytes();
    waitFor(process);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("airflow_render.py exited with " + process.exitValue());
    }
    JsonNode results = Json.mapper().readTree(new String(out, StandardCharsets.UTF_8));
    List<Outcome> outcomes = new ArrayList<>(templates.size());
    for (JsonNode result : results) {
      outcomes.add(
          result.get("ok").asBoolean()
              ? Outcome.output(result.get("out").asText())
              : Outcome.failure(result.get("error").asText()));
    }
    if (outcomes.size() != templates.size()) {
      throw new IllegalStateException(
          "airflow_render.py answered "
              + outcomes.size()
              + " of "
              + templates.size()
              + " templates");
    }
    return outcomes;
  }

  /** Fails, saying how to install them, unless {@code python} can import jinja2 and pendulum. */
  static void requireJinja2(String python) throws IOException {
    if (!Files.isExecutable(Path.of(python))) {
      throw new IllegalStateException(python + " is missing. " + INSTALL);
    }
    Process probe =
        new ProcessBuilder(python, "-c", "import jinja2, pendulum; print(jinja2.__version__)")
            .redirectErrorStream(true)
            .start();
    String answer =
        new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    waitFor(probe);
    if (probe.exitValue() != 0) {
      throw new IllegalStateException(
          python + " cannot import jinja2 or pendulum (" + answer + "). " + INSTALL);
    }
  }

  private static void waitFor(Process process) throws IOException {
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(PYTHON + " did not finish within 2 minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + PYTHON, e);
    }
  }

  private static Path script() {
    try {
      return Path.of(
          JinjaReference.class.getResource("/jinja-conformance/airflow_render.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
