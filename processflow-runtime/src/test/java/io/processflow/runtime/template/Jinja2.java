package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.processflow.runtime.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Jinja2 (Debian's python3-jinja2 3.1 under {@code /usr/bin/python3}), configured as Airflow
 * configures it: a {@code SandboxedEnvironment} with {@code StrictUndefined} and the {@code do}
 * extension, plus Airflow's {@code shell_quote} ({@code shlex.quote}). Renders many templates in
 * one Python process.
 */
final class Jinja2 {
  private static final String SCRIPT =
      String.join(
          "\n",
          "import json, shlex, sys",
          "from jinja2 import StrictUndefined",
          "from jinja2.sandbox import SandboxedEnvironment",
          "env = SandboxedEnvironment(undefined=StrictUndefined, extensions=['jinja2.ext.do'])",
          "env.filters['shell_quote'] = shlex.quote",
          "request = json.load(sys.stdin)",
          "results = []",
          "for template in request['templates']:",
          "    try:",
          "        results.append({'output': env.from_string(template).render(**request['context'])})",
          "    except Exception as e:",
          "        results.append({'error': type(e).__name__ + ': ' + str(e)})",
          "json.dump(results, sys.stdout)");

  /** What Jinja2 made of one template: its output, or the error it raised. */
  record Result(String output, String error) {
    boolean failed() {
      return error != null;
    }
  }

  private Jinja2() {}

  /** Renders each of {@code templates} with {@code context} (JSON values) in real Jinja2. */
  static List<Result> render(List<String> templates, Map<String, ?> context)
      throws IOException, InterruptedException {
    Process python = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).start();
    try (OutputStream in = python.getOutputStream()) {
      Json.mapper().writeValue(in, Map.of("templates", templates, "context", context));
    }
    byte[] out = python.getInputStream().readAllBytes();
    String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as("python3 with jinja2: %s", err).isZero();
    List<Map<String, String>> raw = Json.mapper().readValue(out, new TypeReference<>() {});
    List<Result> results = new ArrayList<>();
    for (Map<String, String> r : raw) {
      results.add(new Result(r.get("output"), r.get("error")));
    }
    return results;
  }
}
