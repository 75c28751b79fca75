package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 1: an undefined name fails the render wherever it is used, as with Airflow's
 * StrictUndefined, checked case by case against real Jinja2 ({@link Jinja2}).
 */
class StrictUndefinedTest {
  private static final Map<String, Object> CONTEXT =
      Map.of("ds", "2024-01-01", "params", Map.of("dir", "/data"), "n", 3);

  private final TemplateEngine engine = TemplateEngine.builder().build();

  /** A template, and the name the error must give (as the template wrote it). */
  private record Failing(String template, String name) {}

  private static final List<Failing> FAILING_IN_BOTH =
      List.of(
          new Failing("rm -rf {{ params.dirr | shell_quote }}/*", "params.dirr"),
          new Failing("{{ typo | shell_quote }}", "typo"),
          new Failing("{{ typo | tojson }}", "typo"),
          new Failing("{{ typo | length }}", "typo"),
          new Failing("{{ params.dirr | upper }}", "params.dirr"),
          new Failing("{{ params['dirr'] | trim }}", "params['dirr']"),
          new Failing("{{ typo + 1 }}", "typo"),
          new Failing("{{ 1 + typo * 2 }}", "typo"),
          new Failing("{{ ds ~ typo }}", "typo"),
          new Failing("{{ (typo ~ 'a') | default('x') }}", "typo"),
          new Failing("{{ ds.replace(typo, 'x') }}", "typo"),
          new Failing("{{ range(typo) | length }}", "typo"),
          new Failing("{{ [1, 2] | join(typo) }}", "typo"),
          new Failing("{% if typo %}y{% endif %}", "typo"),
          new Failing("{% if ds and typo %}y{% endif %}", "typo"),
          new Failing("{{ 'y' if typo else 'n' }}", "typo"),
          new Failing("{% for x in typo %}{{ x }}{% endfor %}", "typo"),
          new Failing("{% for x in [1] %}{{ x + typo }}{% endfor %}", "typo"),
          new Failing("{{ typo.x | default(1) }}", "typo"),
          new Failing("{{ typo.x is defined }}", "typo"),
          new Failing("{% set x = params.dirr %}{{ x }}", "params.dirr"),
          new Failing("{% macro m(a) %}{{ a }}{% endmacro %}{{ m(typo) }}", "typo"));

  /** Jinja2 lets these through: default, d, defined and undefined take an undefined value. */
  private static final List<String> PASSING_IN_BOTH =
      List.of(
          "{{ params.dirr | default('/tmp') }}",
          "{{ typo | d('z') }}",
          "{{ typo | default('a', true) }}",
          "{{ 'yes' if typo is defined else 'no' }}",
          "{{ 'u' if params.dirr is undefined else 'd' }}",
          "{% if typo is not defined %}n{% endif %}",
          "{% if params.dirr is defined and params.dirr %}x{% endif %}-",
          "{{ x | default(n) }}",
          "{{ ds ~ '/' ~ params.dir }}",
          "{{ range(1500) | length }}",
          "{{ range(1500) | sum }}",
          "{{ range(2, 20, 3) | join(',') }}|{{ range(5, 0, -2) | join(',') }}|{{ range(0) | length }}",
          "{{ range(100000) | length }}",
          "{% macro f(k) %}{% if k > 0 %}{{ k }},{{ f(k - 1) }}{% endif %}{% endmacro %}{{ f(5) }}",
          "{% macro f(k) %}{% if k > 0 %}{{ f(k - 1) }}{% else %}bottom{% endif %}{% endmacro %}{{ f(120) }}");

  @Test
  void anUndefinedNameFailsWhereverJinja2FailsOnIt() throws Exception {
    List<String> templates = new ArrayList<>();
    FAILING_IN_BOTH.forEach(f -> templates.add(f.template()));
    List<Jinja2.Result> reference = Jinja2.render(templates, CONTEXT);
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < templates.size(); i++) {
      Failing f = FAILING_IN_BOTH.get(i);
      soft.assertThat(reference.get(i).failed()).as("Jinja2 fails on %s", f.template()).isTrue();
      soft.assertThatThrownBy(() -> engine.render("t", f.template(), CONTEXT))
          .as(f.template())
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("'" + f.name() + "' is undefined");
    }
    soft.assertAll();
  }

  @Test
  void defaultDefinedAndUndefinedTakeAnUndefinedValueAsInJinja2() throws Exception {
    List<Jinja2.Result> reference = Jinja2.render(PASSING_IN_BOTH, CONTEXT);
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < PASSING_IN_BOTH.size(); i++) {
      String template = PASSING_IN_BOTH.get(i);
      soft.assertThat(reference.get(i).error()).as("Jinja2 on %s", template).isNull();
      soft.assertThat(engine.render("t", template, CONTEXT))
          .as(template)
          .isEqualTo(reference.get(i).output());
    }
    soft.assertAll();
  }

  /**
   * Tests that only look at what a value is answer for an undefined value as Jinja2 does ({@code
   * typo is none} is false, issue 10); tests that use the value fail, as in Jinja2.
   */
  @Test
  void testsOnAnUndefinedValueAnswerAsInJinja2() throws Exception {
    List<String> answering = new ArrayList<>();
    for (String test :
        List.of(
            "none",
            "not none",
            "string",
            "number",
            "integer",
            "float",
            "boolean",
            "true",
            "false",
            "mapping",
            "sequence",
            "sameas none",
            "escaped",
            "defined",
            "undefined")) {
      answering.add("{{ typo is " + test + " }}");
    }
    answering.add("{{ params.dirr is none }}|{{ 'y' if typo is none else 'n' }}");
    List<String> failing =
        List.of(
            "{{ typo is odd }}",
            "{{ typo is lower }}",
            "{{ typo is in [1] }}",
            "{{ typo is eq 1 }}",
            "{{ typo is iterable }}",
            "{{ typo.x is none }}");
    List<String> templates = new ArrayList<>(answering);
    templates.addAll(failing);
    List<Jinja2.Result> reference = Jinja2.render(templates, CONTEXT);
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < templates.size(); i++) {
      String template = templates.get(i);
      if (i < answering.size()) {
        soft.assertThat(reference.get(i).error()).as("Jinja2 on %s", template).isNull();
        soft.assertThat(engine.render("t", template, CONTEXT))
            .as(template)
            .isEqualTo(reference.get(i).output());
      } else {
        soft.assertThat(reference.get(i).failed()).as("Jinja2 fails on %s", template).isTrue();
        soft.assertThatThrownBy(() -> engine.render("t", template, CONTEXT))
            .as(template)
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("'typo' is undefined");
      }
    }
    soft.assertAll();
  }

  @Test
  void theErrorNamesTheUndefinedNameAndItsLine() {
    assertThatThrownBy(
            () -> engine.render("cmd", "echo\nrm -rf {{ params.dirr | shell_quote }}/*", CONTEXT))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Template 'cmd' line 2: 'params.dirr' is undefined")
        .satisfies(e -> assertThat(((TemplateException) e).badName()).isEqualTo("params.dirr"));
  }

  /**
   * Stricter than Jinja2, which stores an undefined value in a literal or a variable and prints it
   * as {@code Undefined}: these fail at once.
   */
  @Test
  void anUndefinedNameInALiteralOrAnAssignmentFailsAtOnce() throws Exception {
    List<String> templates =
        List.of(
            "{{ {'a': typo} }}",
            "{{ [typo] }}",
            "{{ (1, typo) | length }}",
            "{% set x = [typo] %}set");
    List<Jinja2.Result> reference = Jinja2.render(templates, CONTEXT);
    assertThat(reference.get(0).output()).isEqualTo("{'a': Undefined}");
    for (String template : templates) {
      assertThatThrownBy(() -> engine.render("t", template, CONTEXT))
          .as(template)
          .hasMessageContaining("'typo' is undefined");
    }
  }

  @Test
  void aRangeOverJinja2sSandboxLimitFailsInBoth() throws Exception {
    String template = "{{ range(100001) | length }}";
    assertThat(Jinja2.render(List.of(template), CONTEXT).get(0).error())
        .contains("MAX_RANGE (100000)");
    assertThatThrownBy(() -> engine.render("t", template, CONTEXT))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("MAX_RANGE (100000)");
  }

  @Test
  void aMacroThatRecursesTooDeepFailsInBothInsteadOfRenderingNothing() throws Exception {
    String endless = "{% macro f(k) %}{{ f(k) }}{% endmacro %}[{{ f(1) }}]";
    String deep =
        "{% macro f(k) %}{% if k > 0 %}{{ f(k - 1) }}{% endif %}{% endmacro %}[{{ f(1000) }}]";
    List<Jinja2.Result> reference = Jinja2.render(List.of(endless, deep), CONTEXT);
    assertThat(reference).allSatisfy(r -> assertThat(r.error()).startsWith("RecursionError"));
    for (String template : List.of(endless, deep)) {
      assertThatThrownBy(() -> engine.render("t", template, CONTEXT))
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("macro 'f'");
    }
  }

  @Test
  void jinjavasRenderFilterIsAnUnknownFilterAsInJinja2() throws Exception {
    String template = "{{ '{{7*7}}' | render }}";
    assertThat(Jinja2.render(List.of(template), CONTEXT).get(0).error())
        .contains("No filter named 'render'");
    assertThatThrownBy(() -> engine.render("t", template, CONTEXT))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("No filter named 'render'")
        .hasMessageNotContaining("49");
    assertThatThrownBy(() -> engine.render("t", "{{ 'x' | nosuch }}", CONTEXT))
        .hasMessageContaining("No filter named 'nosuch'");
  }
}
