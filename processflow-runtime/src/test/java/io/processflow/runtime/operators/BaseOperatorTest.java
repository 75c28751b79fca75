package io.processflow.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.TaskContext;
import io.processflow.runtime.template.FakeTaskContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A user-written operator, as the docs show one. */
class BaseOperatorTest {
  static final class GreetOperator extends BaseOperator {
    private final String greeting;
    private final List<String> names;

    GreetOperator(String greeting, List<String> names) {
      this.greeting = greeting;
      this.names = names;
    }

    @Override
    protected Map<String, ?> templateFields() {
      return Map.of("greeting", greeting, "names", names);
    }

    @Override
    protected Object execute(TaskContext context, RenderedFields fields) {
      return CompletableFuture.supplyAsync(
          () -> fields.string("greeting") + " " + fields.get("names"));
    }
  }

  private final FakeTaskContext context =
      FakeTaskContext.at("2024-01-31T00:00:00Z").param("who", "{{ ds }}");

  @Test
  void userOperatorsGetTheirFieldsRenderedBeforeEachTry() throws Exception {
    GreetOperator op =
        new GreetOperator("hello on {{ ds }}", List.of("{{ params.who }}", "{{ task.task_type }}"));
    Object output = ((CompletableFuture<?>) op.execute(context)).join();
    assertThat(output).isEqualTo("hello on 2024-01-31 [{{ ds }}, GreetOperator]");
    assertThat(op.greeting).isEqualTo("hello on {{ ds }}");
  }

  @Test
  void renderedFieldsRefuseUndeclaredNames() {
    RenderedFields fields = new RenderedFields(Map.of("a", 1));
    assertThatThrownBy(() -> fields.get("b"))
        .hasMessage("'b' is not a templated field; the operator declares [a]");
    assertThatThrownBy(() -> fields.map("a")).hasMessageContaining("should be a map");
  }

  @Test
  void emptyOperatorOutputsNothing() throws Exception {
    assertThat(new EmptyOperator().execute(context)).isNull();
  }
}
