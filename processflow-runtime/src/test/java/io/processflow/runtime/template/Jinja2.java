package io.processflow.runtime.template;

import io.processflow.runtime.template.conformance.JinjaReference;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Real Jinja2 as Airflow configures it, through the conformance suite's harness ({@link
 * JinjaReference}, {@code airflow_render.py}), with plain JSON values as the names.
 */
final class Jinja2 {
  /** What Jinja2 made of one template: its output, or the error it raised. */
  record Result(String output, String error) {
    boolean failed() {
      return error != null;
    }
  }

  private Jinja2() {}

  /** Renders each of {@code templates} with {@code context} (JSON values) in real Jinja2. */
  static List<Result> render(List<String> templates, Map<String, ?> context) throws IOException {
    return JinjaReference.renderWithNames(context, templates).stream()
        .map(o -> o.ok() ? new Result(o.text(), null) : new Result(null, o.text()))
        .toList();
  }
}
