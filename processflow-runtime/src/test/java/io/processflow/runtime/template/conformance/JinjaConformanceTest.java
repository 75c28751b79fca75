package io.processflow.runtime.template.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.processflow.runtime.internal.json.Json;
import io.processflow.runtime.template.AirflowContext;
import io.processflow.runtime.template.FakeTaskContext;
import io.processflow.runtime.template.TemplateEngine;
import io.processflow.runtime.template.TemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every template of the corpus renders in ProcessFlow as Airflow 3's Jinja2 renders it (real Jinja2
 * through {@link JinjaReference}, one Python process for the whole corpus): equal output or both
 * fail, except the deliberate differences of {@link JinjaDifferences}, which must be exactly the
 * difference listed.
 */
class JinjaConformanceTest {
  private static List<Corpus.Case> cases;
  private static List<Outcome> jinja;
  private static List<Outcome> processFlow;

  @BeforeAll
  static void renderTheCorpusOnBothSides() throws IOException {
    ObjectNode context;
    try (InputStream in =
        JinjaConformanceTest.class.getResourceAsStream("/jinja-conformance/context.json")) {
      context = (ObjectNode) Json.mapper().readTree(in);
    }
    cases = Corpus.load();
    jinja = JinjaReference.render(context, cases.stream().map(Corpus.Case::template).toList());
    Map<String, Object> names = airflowContext(context);
    TemplateEngine engine = TemplateEngine.defaultEngine();
    processFlow = new ArrayList<>();
    for (Corpus.Case c : cases) {
      processFlow.add(render(engine, c, names));
    }
  }

  private static Map<String, Object> airflowContext(ObjectNode context) throws IOException {
    FakeTaskContext task =
        new FakeTaskContext(
            context.get("task_id").asText(),
            Instant.parse(context.get("logical_date").asText().replace("+00:00", "Z")),
            TemplateEngine.defaultEngine());
    task.tryNumber(context.get("try_number").asInt());
    for (Iterator<Map.Entry<String, JsonNode>> it = context.get("params").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> param = it.next();
      task.param(param.getKey(), Json.mapper().treeToValue(param.getValue(), Object.class));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = context.get("outputs").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> output = it.next();
      task.output(output.getKey(), Json.mapper().treeToValue(output.getValue(), Object.class));
    }
    assertThat(task.dagId()).isEqualTo(context.get("dag_id").asText());
    return AirflowContext.of(task);
  }

  private static Outcome render(TemplateEngine engine, Corpus.Case c, Map<String, Object> names) {
    try {
      return Outcome.output(engine.render("corpus.txt:" + c.line(), c.template(), names));
    } catch (TemplateException e) {
      return Outcome.failure(e.getMessage());
    } catch (RuntimeException e) {
      return Outcome.failure("not a TemplateException: " + e);
    }
  }

  @TestFactory
  Stream<DynamicTest> processFlowRendersEachTemplateAsJinja2() {
    return IntStream.range(0, cases.size())
        .mapToObj(
            i -> {
              Corpus.Case c = cases.get(i);
              return DynamicTest.dynamicTest(
                  c.category() + " | line " + c.line() + " | " + c.written(),
                  () -> check(c, jinja.get(i), processFlow.get(i)));
            });
  }

  private static void check(Corpus.Case c, Outcome expected, Outcome actual) {
    JinjaDifferences.Difference known = JinjaDifferences.of(c.written());
    String where = "corpus.txt line " + c.line() + " (" + c.category() + "): " + c.written();
    if (known == null) {
      assertThat(actual.agrees(expected))
          .as("%s%n  Jinja2 (Airflow 3): %s%n  ProcessFlow:        %s", where, expected, actual)
          .isTrue();
    } else {
      assertThat(actual.agrees(known.processFlow()))
          .as(
              "%s is a listed difference (%s) whose ProcessFlow result changed:%n  listed: %s%n  now:    %s",
              where, known.reason(), known.processFlow(), actual)
          .isTrue();
      assertThat(expected.agrees(known.processFlow()))
          .as(
              "%s is listed as a difference, but Jinja2 now agrees (%s): remove it from JinjaDifferences",
              where, expected)
          .isFalse();
    }
  }

  @Test
  void everyListedDifferenceIsInTheCorpus() {
    List<String> written = cases.stream().map(Corpus.Case::written).toList();
    assertThat(written).containsAll(JinjaDifferences.all().keySet());
  }

  @Test
  void corpusIsLargeAndAgreementIsReported() {
    int agreeing = 0;
    for (int i = 0; i < cases.size(); i++) {
      if (processFlow.get(i).agrees(jinja.get(i))) {
        agreeing++;
      }
    }
    System.out.printf(
        "Jinja2 conformance: %d templates, %d agree with Jinja2 (%.1f%%), %d listed differences%n",
        cases.size(), agreeing, 100.0 * agreeing / cases.size(), JinjaDifferences.all().size());
    assertThat(cases).hasSizeGreaterThanOrEqualTo(400);
  }
}
