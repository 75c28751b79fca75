package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.runtime.internal.template.PyValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the conformance corpus cannot show: files, Java values, bounds. */
class JinjaSemanticsTest {
  private final TemplateEngine engine = TemplateEngine.defaultEngine();

  private String render(String template, Map<String, ?> context) {
    return engine.render("t", template, context);
  }

  @Test
  void aTemplateFileEndingWithANewlineRendersWithoutIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("q.sql"), "select 1\r\nfrom {{ t }}\r\n");
    TemplateEngine files = TemplateEngine.builder().searchPath(dir).build();
    assertThat(files.renderFile("q.sql", Map.of("t", "x"))).isEqualTo("select 1\nfrom x");
    assertThat(render("echo hi\n", Map.of())).isEqualTo("echo hi");
    assertThat(render("echo hi\n\n", Map.of())).isEqualTo("echo hi\n");
  }

  @Test
  void aJoinerIsCalledThroughItsCallMethod() {
    assertThat(
            render(
                "{% set j = joiner(', ') %}{% for x in [1, 2] %}{{ j.call() }}{{ x }}{% endfor %}",
                Map.of()))
        .isEqualTo("1, 2");
  }

  record Row(String name, Double amount) {}

  @Test
  void tojsonWritesJavaRecordsAsTheirJson() {
    assertThat(render("{{ row | tojson }}", Map.of("row", new Row("a<b", null))))
        .isEqualTo("{\"amount\": null, \"name\": \"a\\u003cb\"}");
  }

  @Test
  void recordOutputsPrintAsTheDictTheyAreJournaledAs() {
    assertThat(render("{{ row }} {{ [row] }}", Map.of("row", new Row("x", 1.5))))
        .isEqualTo("{'name': 'x', 'amount': 1.5} [{'name': 'x', 'amount': 1.5}]");
  }

  @Test
  void floatsPrintAsPythonsRepr() {
    assertThat(PyValues.floatRepr(0.1)).isEqualTo("0.1");
    assertThat(PyValues.floatRepr(1e16)).isEqualTo("1e+16");
    assertThat(PyValues.floatRepr(9999999999999998.0)).isEqualTo("9999999999999998.0");
    assertThat(PyValues.floatRepr(0.0001)).isEqualTo("0.0001");
    assertThat(PyValues.floatRepr(0.00001)).isEqualTo("1e-05");
    assertThat(PyValues.floatRepr(-1.5e-300)).isEqualTo("-1.5e-300");
    assertThat(PyValues.floatRepr(Double.NaN)).isEqualTo("nan");
  }

  @Test
  void hugeIntsAndRepetitionsAreRefusedNotAllocated() {
    assertThatThrownBy(() -> render("{{ 10 ** 100000 }}", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("OverflowError");
    assertThatThrownBy(() -> render("{{ 'x' * 10 ** 12 }}", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("MemoryError");
    assertThat(render("{{ (2 ** 200) // 2 ** 199 }}", Map.of())).isEqualTo("2");
  }

  @Test
  void javaListsAndMapsFromOutputsBehaveAsPythonLists() {
    Map<String, Object> context = Map.of("rows", List.of(Map.of("id", 2), Map.of("id", 1)));
    assertThat(render("{{ rows | sort(attribute='id') | map(attribute='id') | list }}", context))
        .isEqualTo("[1, 2]");
    assertThat(
            render(
                "{{ rows[0].get('id') }} {{ rows[0].get('x', 'd') }} {{ rows | length }}", context))
        .isEqualTo("2 d 2");
  }
}
