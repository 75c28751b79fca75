package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.runtime.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, items 14, 2 and 15: templates cannot exhaust the heap, runaway loops stop, and a string
 * comes out byte for byte.
 */
class RenderLimitsTest {
  private final TemplateEngine engine = TemplateEngine.builder().build();

  /**
   * In a JVM of 64 MiB, each template that would build gigabytes fails the render with a message
   * naming the bound, instead of an OutOfMemoryError (which killed the worker before).
   */
  @Test
  void templatesThatWouldExhaustTheHeapFailWithTheBoundInstead() throws Exception {
    List<String> templates =
        List.of(
            "{{ 'x' | center(1000000000) }}",
            "{{ '%999999999d' | format(1) }}",
            "{{ 'a\nb\nc' | indent(1000000000) }}",
            // Forty doublings at the top level (a {% set %} inside a loop does not leak out of it).
            "{% set l = [1, 2] %}" + "{% set l = l + l %}".repeat(40) + "{{ l | length }}",
            "{% set s = 'xy' %}" + "{% set s = s ~ s %}".repeat(40) + "{{ s | length }}",
            "{{ range(1000000000) | length }}",
            "{% for i in range(100000) %}{{ range(100000) | join(',') }}{% endfor %}",
            // Java's String methods are callable on template strings; Jinja2's str has none of
            // these.
            "{{ 'x'.repeat(1000000000) | length }}",
            "{{ '%0999999999d'.formatted(1) | length }}",
            "{{ 'x'.indent(1000000000) | length }}",
            "{% set s = range(1000) | join('') %}{% set t = s ~ s ~ s ~ s ~ s ~ s ~ s ~ s %}"
                + "{% set u = t ~ t ~ t ~ t ~ t ~ t %}{{ s.replace('0', u) | length }}");
    List<String> lines = probe(templates);
    assertThat(lines).hasSize(templates.size()).doesNotContain("OOM");
    assertThat(lines.get(0))
        .startsWith("FAILED")
        .contains(
            "center would build 1000000000 characters",
            "output limit of 10485760",
            "maxOutputSize");
    assertThat(lines.get(1))
        .startsWith("FAILED")
        .contains("a format width of 999999999 would build", "maxOutputSize");
    assertThat(lines.get(2)).startsWith("FAILED").contains("indent would build", "maxOutputSize");
    assertThat(lines.get(3)).startsWith("FAILED").containsIgnoringCase("collection");
    assertThat(lines.get(4)).startsWith("FAILED").contains("10485760");
    assertThat(lines.get(5)).startsWith("FAILED").contains("MAX_RANGE (100000)");
    assertThat(lines.get(6)).startsWith("FAILED").contains("10485760");
    assertThat(lines.get(7))
        .startsWith("FAILED")
        .contains("'str object' has no attribute 'repeat'");
    assertThat(lines.get(8))
        .startsWith("FAILED")
        .contains("a format width of 999999999", "maxOutputSize");
    assertThat(lines.get(9))
        .startsWith("FAILED")
        .contains("'str object' has no attribute 'indent'");
    assertThat(lines.get(10)).startsWith("FAILED").contains("replace would build", "maxOutputSize");
  }

  /**
   * A dict view of a dict holding gigabytes is cheap to create, and printing it, or the list it
   * holds, stops at the output bound (a view printed its whole dict when created, an
   * OutOfMemoryError).
   */
  @Test
  void printingAValueStopsAtTheOutputBoundAndAViewPrintsOnlyWhenPrinted() throws Exception {
    String huge = "{% set s = 'x' * 2000000 %}{% set l = [s] * 2000 %}";
    List<String> lines =
        probe(
            List.of(
                huge + "{{ {'a': l}.values() | length }}",
                huge + "{{ {'a': l}.values() }}",
                huge + "{{ l }}"));
    assertThat(lines).containsExactly("RENDERED 1", lines.get(1), lines.get(2));
    assertThat(lines.subList(1, 3))
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith("FAILED")
                    .contains("printing a value would build", "maxOutputSize"));
  }

  /**
   * A recursive loop deeper than macros may go fails as a template error, however wide it is (it
   * overflowed the stack, an Error escaping the engine).
   */
  @Test
  void aRecursiveLoopDeeperThanTheMacroBoundFailsAsATemplateError() {
    for (String template :
        List.of(
            "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
            "{% for x in [1, 2, 3] recursive %}{{ loop([1, 2, 3]) }}{% endfor %}")) {
      assertThatThrownBy(() -> engine.render("t", template, Map.of()))
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("RecursionError")
          .hasMessageContaining("deeper than 200 levels");
    }
  }

  /** Whatever nests deeper than the thread's stack fails as a template error, never an Error. */
  @Test
  void aTemplateNestedDeeperThanTheStackFailsAsATemplateError() {
    for (String template :
        List.of(
            "{{ " + "[".repeat(5000) + "1" + "]".repeat(5000) + " | length }}",
            "{% if 1 %}".repeat(3000) + "x" + "{% endif %}".repeat(3000))) {
      assertThatThrownBy(() -> engine.render("t", template, Map.of()))
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("nests too deeply");
    }
  }

  private static List<String> probe(List<String> templates) throws Exception {
    List<String> command = ChildJvm.command(HeapBoundProbe.class, List.of("-Xmx64m"), templates);
    Process jvm =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(jvm.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void aTemplateThatLoopsPastItsBudgetFailsNamingTheBound() {
    TemplateEngine small = TemplateEngine.builder().maxLoopIterations(1000).build();
    assertThat(small.render("t", "{% for i in range(1000) %}.{% endfor %}", Map.of()))
        .hasSize(1000);
    assertThatThrownBy(
            () ->
                small.render(
                    "t",
                    "{% for i in range(100) %}{% for j in range(100) %}{% endfor %}{% endfor %}",
                    Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("looped more than 1000 times")
        .hasMessageContaining("maxLoopIterations");
  }

  /** A timeout or a cancel interrupts the task's thread: the render stops at its next step. */
  @Test
  void anInterruptedRenderStopsAndKeepsTheInterrupt() {
    String runaway =
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}";
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> engine.render("t", runaway, Map.of()))
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("rendering was interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void controlCharactersComeThroughByteForByteAsInJinja2() throws Exception {
    String hostile = "a\u001B[31mb\u0000c\bd\u0007e\u007Ff\u202Eg'h";
    Map<String, Object> context = Map.of("params", Map.of("v", hostile));
    List<String> templates =
        List.of("{{ params.v }}", "{{ params.v | shell_quote }}", "x{{ params.v ~ '!' }}");
    List<Jinja2.Result> reference = Jinja2.render(templates, context);
    for (int i = 0; i < templates.size(); i++) {
      assertThat(engine.render("t", templates.get(i), context))
          .as(templates.get(i))
          .isEqualTo(reference.get(i).output());
    }
    assertThat(engine.render("t", "{{ params.v }}", context)).isEqualTo(hostile);
  }
}
