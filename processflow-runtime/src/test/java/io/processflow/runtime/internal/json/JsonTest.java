package io.processflow.runtime.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.DagRunState;
import io.processflow.api.DagRunStatusUpdate;
import io.processflow.api.TaskError;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final Instant AT = Instant.parse("2023-11-20T12:09:54.766Z");

  @Test
  void taskStatusUpdateRoundTripsThroughOneLineOfJson() {
    TaskStatusUpdate update =
        new TaskStatusUpdate(
            "r1",
            "task_1",
            AT,
            TaskState.UPSTREAM_FAILED,
            2,
            new TaskError("java.lang.X", "m", "trace\n  at x"),
            Map.of("rows", List.of(1, 2)));
    String json = Json.writeAction(update);
    assertThat(json)
        .startsWith("{\"type\":\"operation_status_update\",\"runId\":\"r1\",\"taskId\":\"task_1\"")
        .contains("\"timestamp\":\"2023-11-20T12:09:54.766Z\"")
        .contains("\"state\":\"upstream_failed\"")
        .doesNotContain("\n");
    assertThat(Json.readAction(json)).isEqualTo(update);
  }

  @Test
  void runUpdateAndSimpleActionsRoundTrip() {
    Action run = new DagRunStatusUpdate("r1", "test_dag", AT, DagRunState.SUCCESS);
    assertThat(Json.readAction(Json.writeAction(run))).isEqualTo(run);
    Action simple = Action.of("user_action", Map.of("k", "v"));
    assertThat(Json.readAction(Json.writeAction(simple))).isEqualTo(simple);
  }

  @Test
  void textWithoutATypeIsRejected() {
    assertThatThrownBy(() -> Json.readAction("{\"x\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no \"type\"");
    assertThatThrownBy(() -> Json.readAction("{oops")).isInstanceOf(IllegalArgumentException.class);
  }
}
