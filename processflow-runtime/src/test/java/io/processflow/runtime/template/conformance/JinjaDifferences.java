package io.processflow.runtime.template.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one list of deliberate differences between ProcessFlow's templates and Airflow 3's Jinja2,
 * each with its reason; the README's "Deliberate differences from Jinja2" repeats it. {@link
 * JinjaConformanceTest} asserts that each listed template of the corpus renders in ProcessFlow
 * exactly as written here and differently in Jinja2, so a difference that goes away (or changes)
 * fails the suite until this list is updated.
 */
final class JinjaDifferences {
  /** What ProcessFlow gives for a listed template, and why it cannot give Jinja2's result. */
  record Difference(Outcome processFlow, String reason) {}

  private static final Map<String, Difference> DIFFERENCES = new LinkedHashMap<>();

  static {
    output(
        "{{ macros.ds_add is callable }}",
        "False",
        "functions of macros and methods of values are called, never values themselves");
    output(
        "{{ 'abc' | attr('upper') is callable }}",
        "False",
        "functions of macros and methods of values are called, never values themselves");
    fails(
        "{{ 'abc'.encode('utf-8').decode('utf-8') }}",
        "there are no bytes in templates: str.encode and bytes.decode do not exist");
    fails(
        "{% set j = joiner(', ') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}",
        "Jinjava calls functions, never a variable: use the joiner as {{ j.call() }}");
    String bounds =
        "an int is bounded to 65,536 bits, and a string or list made with * to 4,194,304 items, "
            + "so one template cannot exhaust the heap shared by every task";
    fails("{{ 10 ** 100000 > 0 }}", bounds);
    fails("{{ ('ab' * 3000000) | length }}", bounds);
    String strict =
        "an undefined name fails where it is written, also in a list or dict literal, in "
            + "{% set %} and in a macro's default a call uses, where Jinja2 stores an Undefined that fails (or prints 'Undefined') later "
            + "(issue 16: a typo fails the task at once)";
    fails("{{ {'a': nope} }}", strict);
    fails("{{ [nope] | length }}", strict);
    fails("{% set x = nope %}set", strict);
    fails("{% macro m(a, b=nope) %}{{ a }}{% endmacro %}{{ m(1) }}", strict);
    output(
        "{{ logical_date | tojson }}",
        "\"2024-01-31T00:00:00+00:00\"",
        "tojson writes a date-time as its isoformat, where Python's json refuses it");
    String tokens =
        "format() refuses a token pendulum 3 has no rule for (W, w, k, gg, e, ...), where pendulum 3"
            + " writes the token's letters and pendulum 2 nothing, so a mistyped format fails the"
            + " task instead of writing a wrong path";
    fails("{{ logical_date.format('W') }}", tokens);
    fails("{{ logical_date.format('k') }}", tokens);
    output(
        "{{ [logical_date.day_of_week] }}",
        "[2]",
        "day_of_week is an int (Monday 0, as pendulum 3's WeekDay, and printing, comparing and "
            + "computing as it does), so inside a list it prints 2, where pendulum 3 prints "
            + "<WeekDay.WEDNESDAY: 2>");
    fails(
        "{% set d = {'k': 1} %}{% do d.update({'s': d}) %}{{ d | pprint }}",
        "pprint refuses a dict or list that contains itself, where Python prints "
            + "<Recursion on dict with id=...>, an id that is a memory address");
  }

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
