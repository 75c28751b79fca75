package io.processflow.runtime.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTypeTest {
  record Item(String name) {}

  @Test
  void aParameterizedTypeEqualsTheOneJavacCapturesSoBothDeclareTheSameType() {
    Type captured = new OutputType<Map<String, List<Item>>>() {}.type();
    Type built =
        OutputType.parameterized(
            Map.class, String.class, OutputType.parameterized(List.class, Item.class));
    assertThat(built).isEqualTo(captured).hasSameHashCodeAs(captured);
    assertThat(captured).isEqualTo(built);
    assertThat(built.getTypeName()).isEqualTo(captured.getTypeName());
  }

  @Test
  void theDeclaredTypeReachesTheTaskDefinition() {
    DagBuilder dag = DagBuilder.dag("typed");
    dag.task("a", ctx -> List.of()).outputType(new OutputType<List<Item>>() {});
    dag.task("b", ctx -> 1L).outputType(long.class);
    dag.task("c", ctx -> "c");
    DagDefinition built = dag.build();
    assertThat(built.task("a").outputType())
        .isEqualTo(OutputType.parameterized(List.class, Item.class));
    assertThat(built.task("b").outputType()).isEqualTo(long.class);
    assertThat(built.task("c").outputType()).isNull();
  }

  @Test
  void aMissingOrWrongTypeArgumentIsAnError() {
    assertThatThrownBy(() -> OutputType.parameterized(Map.class, String.class))
        .hasMessage("java.util.Map takes 2 type arguments, not 1");
    assertThatThrownBy(() -> new Raw())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("new OutputType<List<Order>>() {}");
  }

  @SuppressWarnings("rawtypes")
  private static final class Raw extends OutputType {}
}
