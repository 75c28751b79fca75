package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A task's Java map output keeps its keys' Java types (Integer, Double, Boolean); templates find
 * them by any equal Python value, as Jinja2 finds a dict's keys (the corpus covers the literals).
 */
class DictKeysTest {
  private final TemplateEngine engine = TemplateEngine.defaultEngine();

  private FakeTaskContext context() {
    Map<Integer, String> ints = new LinkedHashMap<>();
    ints.put(1, "one");
    ints.put(2, "two");
    Map<Object, String> odd = new LinkedHashMap<>();
    odd.put(1.0, "float");
    odd.put(false, "bool");
    return FakeTaskContext.at("2024-01-31T00:00:00Z")
        .output("ints", ints)
        .output("odd", odd)
        .param("ints", ints);
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " ==> ",
      value = {
        "{{ ti.xcom_pull(task_ids='ints')[1] }} ==> one",
        "{% for i in range(1, 3) %}{{ ti.xcom_pull(task_ids='ints')[i] }}{% endfor %} ==> onetwo",
        "{{ ti.xcom_pull(task_ids='ints')[1.0] }} {{ ti.xcom_pull(task_ids='ints')[true] }} ==> one one",
        "{{ 2 in ti.xcom_pull(task_ids='ints') }} {{ ti.xcom_pull(task_ids='ints').get(2) }} ==> True two",
        "{{ params.ints[logical_date.month] }} ==> one",
        "{{ ti.xcom_pull(task_ids='odd')[1] }} {{ ti.xcom_pull(task_ids='odd')[0] }} ==> float bool",
        "{{ [ti.xcom_pull(task_ids='ints')] | map(attribute='2') | list }} ==> ['two']",
        "{{ ti.xcom_pull(task_ids='ints') | tojson }} ==> {\"1\": \"one\", \"2\": \"two\"}",
      })
  void javaMapsAreFoundByEqualPythonKeys(String template, String expected) {
    assertThat(engine.render("t", template, context())).isEqualTo(expected);
  }
}
