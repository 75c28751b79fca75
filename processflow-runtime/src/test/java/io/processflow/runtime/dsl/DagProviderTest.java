package io.processflow.runtime.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.runtime.cli.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DagProvider#of}: a provider of a DAG built with the DSL. */
class DagProviderTest {
  private static DagDefinition nightly() {
    DagBuilder dag =
        DagBuilder.dag("nightly")
            .description("built with the DSL")
            .param("table", "orders")
            .param(ParamSpec.integer("limit").defaultValue(100))
            .schedule("30 2 * * *")
            .timezone("Europe/Amsterdam");
    dag.defaultArgs().queue("etl");
    dag.task("extract", ctx -> null).then(dag.task("train", ctx -> null).queue("gpu"));
    dag.task("report", ctx -> null);
    return dag.build();
  }

  @Test
  void itAnswersEverythingFromTheBuiltDag() {
    DagDefinition dag = nightly();
    DagProvider provider = DagProvider.of(dag);

    assertThat(provider.dagId()).isEqualTo("nightly");
    assertThat(provider.description()).isEqualTo("built with the DSL");
    assertThat(provider.definition()).isSameAs(dag);
    assertThat(provider.params()).isEqualTo(Map.of("table", "orders", "limit", 100L));
    assertThat(provider.paramSpecs()).extracting(ParamSpec::name).containsExactly("table", "limit");
    assertThat(provider.schedule())
        .isEqualTo(dag.schedule().summary())
        .contains("Europe/Amsterdam");
    assertThatThrownBy(() -> DagProvider.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dag");
  }

  @Test
  void theLauncherListsItWithItsQueuesWhenNotOnlyTheDefaultOne() {
    DagBuilder plain = DagBuilder.dag("plain");
    plain.task("only", ctx -> null);
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertThat(
              Launcher.execute(
                  List.of(DagProvider.of(nightly()), DagProvider.of(plain.build())), "list"))
          .isZero();
    } finally {
      System.setOut(out);
    }
    String list = printed.toString(StandardCharsets.UTF_8);
    assertThat(list)
        .contains("nightly")
        .contains("built with the DSL")
        .contains("30 2 * * *")
        .containsPattern("(?m)^\\s+queues: etl, gpu$")
        .doesNotContain("queues: default");
    assertThat(list.lines().filter(line -> line.contains("queues:"))).hasSize(1);
  }
}
