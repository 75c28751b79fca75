package io.processflow.runtime.template.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one list of deliberate differences between ProcessFlow's templates and Airflow 3's Jinja2,
 * each with its reason; the README's "Deliberate differences from Jinja2" repeats it.
 * {@link JinjaConformanceTest} asserts that each listed template of the corpus renders in
 * ProcessFlow exactly as written here and differently in Jinja2, so a difference that goes away
 * (or changes) fails the suite until this list is updated.
 */
final class JinjaDifferences {
  /** What ProcessFlow gives for a listed template, and why it cannot give Jinja2's result. */
  record Difference(Outcome processFlow, String reason) {}

  private static final Map<String, Difference> DIFFERENCES = new LinkedHashMap<>();

  private JinjaDifferences() {}

  private static void output(String template, String output, String reason) {
    DIFFERENCES.put(template, new Difference(Outcome.output(output), reason));
  }

  private static void fails(String template, String reason) {
    DIFFERENCES.put(template, new Difference(Outcome.failure("fails"), reason));
  }

  /** The difference listed for {@code template} (as written in the corpus), or null. */
  static Difference of(String writtenTemplate) {
    return DIFFERENCES.get(writtenTemplate);
  }

  static Map<String, Difference> all() {
    return DIFFERENCES;
  }
}
