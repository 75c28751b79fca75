package io.processflow.runtime.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Typed params: declarations checked at build, a run's values parsed and checked before it starts.
 */
class ParamSpecTest {
  private static DagDefinition dag(ParamSpec... specs) {
    DagBuilder dag = DagBuilder.dag("typed");
    for (ParamSpec spec : specs) {
      dag.param(spec);
    }
    dag.task("t", ctx -> null);
    return dag.build();
  }

  @Test
  void textValuesAreParsedToTheirJavaTypes() {
    DagDefinition dag =
        dag(
            ParamSpec.integer("limit").defaultValue("100"),
            ParamSpec.number("ratio").defaultValue(0.5),
            ParamSpec.bool("dry_run").defaultValue("false"),
            ParamSpec.array("days").defaultValue("[\"mon\", \"tue\"]"),
            ParamSpec.object("limits").defaultValue("{\"eu\": 10}"),
            ParamSpec.string("region").defaultValue("eu"));
    assertThat(dag.params())
        .containsExactly(
            Map.entry("limit", 100L),
            Map.entry("ratio", 0.5),
            Map.entry("dry_run", false),
            Map.entry("days", List.of("mon", "tue")),
            Map.entry("limits", Map.of("eu", 10)),
            Map.entry("region", "eu"));
    Map<String, Object> run =
        dag.resolveParams(
            Map.of(
                "limit", "7", "ratio", "1e-3", "dry_run", "TRUE", "days", "[]", "limits", "{}",
                "region", "us"));
    assertThat(run.get("limit")).isEqualTo(7L);
    assertThat(run.get("ratio")).isEqualTo(0.001);
    assertThat(run.get("dry_run")).isEqualTo(true);
    assertThat(run.get("days")).isEqualTo(List.of());
    assertThat(run.get("limits")).isEqualTo(Map.of());
    assertThat(run.get("region")).isEqualTo("us");
  }

  @Test
  void javaValuesOfARunOrAJournalAreAcceptedAndNormalised() {
    DagDefinition dag =
        dag(ParamSpec.integer("limit").defaultValue(1), ParamSpec.number("ratio").defaultValue(1));
    assertThat(dag.params()).containsExactly(Map.entry("limit", 1L), Map.entry("ratio", 1.0));
    // Jackson reads a journaled Long back as an Integer when it is small.
    assertThat(dag.resolveParams(Map.of("limit", 5, "ratio", 3L)))
        .containsEntry("limit", 5L)
        .containsEntry("ratio", 3.0);
  }

  @Test
  void badValuesAreRefusedNamingTheParamTheValueAndWhatWouldBeValid() {
    DagDefinition dag =
        dag(
            ParamSpec.integer("limit").defaultValue(100).minimum(1).maximum(1000),
            ParamSpec.string("format").defaultValue("summary").enums("summary", "detailed"),
            ParamSpec.bool("dry_run").defaultValue(false),
            ParamSpec.array("days").defaultValue(List.of()),
            ParamSpec.number("ratio").defaultValue(0.5));
    ParamValidationException e =
        catchThrowableOfType(
            ParamValidationException.class,
            () ->
                dag.resolveParams(
                    new java.util.LinkedHashMap<>(
                        Map.of(
                            "limit", "12x", "format", "detaild", "dry_run", "yes", "days", "[1, 2",
                            "ratio", "NaN"))));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "param 'limit' must be an integer (a whole number such as 100); it was '12x'",
            "param 'format' must be one of summary, detailed; it was 'detaild' (did you mean detailed?)",
            "param 'dry_run' must be true or false; it was 'yes'",
            "param 'days' must be a JSON array such as [\"a\", 1]; it was '[1, 2'",
            "param 'ratio' must be a number such as 0.25; it was 'NaN'");
    assertThatThrownBy(() -> dag.resolveParams(Map.of("limit", "5000")))
        .isInstanceOf(ParamValidationException.class)
        .hasMessage("param 'limit' must be at least 1 and at most 1000; it was 5000");
    assertThatThrownBy(() -> dag.resolveParams(Map.of("limit", 2.5)))
        .hasMessage(
            "param 'limit' must be an integer (a whole number such as 100); it was 2.5 (Double)");
  }

  @Test
  void anUnknownNameGetsTheClosestDeclaredOne() {
    DagDefinition dag =
        dag(
            ParamSpec.string("format").defaultValue("a"),
            ParamSpec.string("region").defaultValue("eu"));
    assertThatThrownBy(() -> dag.resolveParams(Map.of("fromat", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DAG 'typed' has no param fromat (did you mean format?); its params are format, region");
    assertThatThrownBy(() -> dag.resolveParams(Map.of("zzz", "b")))
        .hasMessage("DAG 'typed' has no param zzz; its params are format, region");
    assertThatThrownBy(() -> dag.resolveParams(Map.of("", "5")))
        .hasMessage(
            "DAG 'typed' has no param with an empty name (give --param NAME=VALUE); its params are"
                + " format, region");
  }

  /** A whole number past 64 bits is named so, not called "not a whole number". */
  @Test
  void anIntegerOutOfRangeSaysSo() {
    DagDefinition dag = dag(ParamSpec.integer("limit").defaultValue(1L));
    assertThatThrownBy(() -> dag.resolveParams(Map.of("limit", "99999999999999999999")))
        .hasMessage(
            "param 'limit' must be an integer from -9223372036854775808 to 9223372036854775807 (64"
                + " bits); it was '99999999999999999999'");
  }

  @Test
  void aParamWithoutDefaultMustBeGiven() {
    DagDefinition dag = dag(ParamSpec.integer("batch"));
    assertThat(dag.params()).containsEntry("batch", null);
    assertThatThrownBy(() -> dag.resolveParams(Map.of()))
        .hasMessage(
            "param 'batch' of DAG 'typed' has no default; give it with --param batch=... (an integer (a whole number such as 100))");
    assertThat(dag.resolveParams(Map.of("batch", "3"))).containsEntry("batch", 3L);
  }

  @Test
  void untypedParamsPassValuesAsTheyAre() {
    DagBuilder builder = DagBuilder.dag("untyped").param("x", 2);
    builder.task("t", ctx -> null);
    DagDefinition dag = builder.build();
    assertThat(dag.resolveParams(Map.of("x", "abc"))).containsEntry("x", "abc");
    assertThat(dag.params()).containsEntry("x", 2);
    assertThat(dag.paramSpecs().get(0).describe()).isEqualTo("default 2");
  }

  @Test
  void buildChecksEveryDeclaration() {
    DagBuilder builder =
        DagBuilder.dag("bad")
            .param(ParamSpec.integer("limit").defaultValue("ten"))
            .param(ParamSpec.number("ratio").minimum(2).maximum(1))
            .param(ParamSpec.string("region").defaultValue("mars").enums("eu", "us"))
            .param(ParamSpec.integer("n").defaultValue(50).maximum(10))
            .param(ParamSpec.object("o").defaultValue("[1]"))
            .param(ParamSpec.string("s").minimum(0));
    builder.task("t", ctx -> null);
    DagValidationException e = catchThrowableOfType(DagValidationException.class, builder::build);
    assertThat(e.problems())
        .contains(
            "default 'ten' of param 'limit' is not an integer (a whole number such as 100)",
            "param 'ratio' has minimum 2 above its maximum 1; swap them",
            "default 'mars' of param 'region' is not one of its enums [eu, us]",
            "default 50 of param 'n' must be at most 10",
            "default '[1]' of param 'o' is not a JSON object such as {\"key\": 1}",
            "param 's' is string; minimum and maximum apply to integer and number params only");
  }

  @Test
  void describeSaysTypeDefaultConstraintsAndDescription() {
    DagDefinition dag =
        dag(
            ParamSpec.integer("limit")
                .defaultValue(100)
                .minimum(1)
                .maximum(1000)
                .description("Rows per batch"),
            ParamSpec.string("region").defaultValue("eu").enums("eu", "us"),
            ParamSpec.array("days"));
    assertThat(dag.paramSpecs())
        .extracting(ParamSpec::describe)
        .containsExactly(
            "integer, default 100, at least 1 and at most 1000 - Rows per batch",
            "string, default 'eu', one of eu, us",
            "array, required");
  }
}
