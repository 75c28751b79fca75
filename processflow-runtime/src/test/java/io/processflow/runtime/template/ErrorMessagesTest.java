package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A template's mistake fails with words its author can act on: what is wrong, named as Jinja2 names
 * it, on its line, and no Java class name or Jinjava wrapper in between.
 */
class ErrorMessagesTest {
  private final TemplateEngine engine = TemplateEngine.defaultEngine();
  private final FakeTaskContext ctx =
      FakeTaskContext.at("2024-01-31T00:00:00Z")
          .param("table", "sales")
          .param("n", 3)
          .param("rows", List.of(java.util.Map.of("id", 1)))
          .output("extract", List.of(1, 2, 3));

  @ParameterizedTest
  @CsvSource(
      delimiterString = " ==> ",
      quoteCharacter = '"',
      value = {
        "{{ params.table | length(1) }} ==> filter 'length' takes no arguments",
        "{{ params.table | replace('a') }} ==> missing its required argument 'new'",
        "{{ params.table | join(sep=',') }} ==> unexpected keyword argument 'sep'",
        "{{ params.table | default(value='x') }} ==> multiple values for argument 'value'",
        "{{ 3 is odd(1) }} ==> test 'odd' takes no arguments",
        "{{ params.table.nope() }} ==> 'str object' has no attribute 'nope'",
        "{{ params.table() }} ==> 'str' object is not callable",
        "{{ nope() }} ==> 'nope' is undefined as a function",
        "{{ macros.ds_add('2024-13-01', 1) }} ==> Expected a date as YYYY-MM-DD",
        "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }} ==> macro 'm' takes not more than 1",
        "{% for x in 5 %}{% endfor %} ==> 'int' object is not iterable",
        "{{ ('inf' | float) | int }} ==> OverflowError",
        "{{}} ==> expected an expression",
        "a{% else %}b ==> 'else' is misplaced outside any block",
        "{% if 1 %}x{% else if 2 %}y{% endif %} ==> write {% elif ... %}",
        "{% for x in [1] %}{{ x }}{% endfor x %} ==> expected the end of the 'endfor' tag",
        "{{ params.rows | selectattr('nope') | list }} ==> 'dict object' has no attribute 'nope'",
      })
  void namesTheMistakeWithoutJava(String template, String words) {
    assertThatThrownBy(() -> engine.render("t", template.strip(), ctx))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Template 't' line 1: ")
        .hasMessageContaining(words)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContainPattern("\\b(?:java|jinjava|com\\.hubspot|io\\.processflow)\\.")
                    .doesNotContain("Exception:", "Originating"));
  }
}
