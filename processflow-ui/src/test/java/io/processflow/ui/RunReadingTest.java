package io.processflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a journal into the views' model. */
class RunReadingTest {
  @TempDir Path dir;

  private static final String HEADER =
      "{\"type\":\"journal_header\",\"format\":2,\"dagId\":\"d\",\"runId\":\"r\",\"logicalDate\":\"2026-01-01T00:00:00Z\","
          + "\"params\":{\"p\":1},\"tasks\":[\"a\"],\"resumed\":%s,\"timestamp\":\"2026-01-01T00:00:00Z\"}\n";

  private static String run(String state, int second) {
    return "{\"type\":\"dag_run_status_update\",\"runId\":\"r\",\"dagId\":\"d\",\"timestamp\":\"2026-01-01T00:00:0"
        + second
        + "Z\",\"state\":\""
        + state
        + "\"}\n";
  }

  private static String task(String state, int tryNumber, int second) {
    return "{\"type\":\"operation_status_update\",\"runId\":\"r\",\"taskId\":\"a\",\"timestamp\":\"2026-01-01T00:00:0"
        + second
        + "Z\",\"state\":\""
        + state
        + "\",\"tryNumber\":"
        + tryNumber
        + ",\"error\":null,\"output\":{\"x\":[1]}}\n";
  }

  @Test
  void aResumedRunThatHasNotStartedAgainIsQueuedNotEnded() throws Exception {
    Path journal = dir.resolve("r.jsonl");
    Files.writeString(
        journal,
        String.format(HEADER, "false")
            + run("running", 1)
            + task("running", 1, 1)
            + task("failed", 1, 2)
            + run("failed", 2)
            + String.format(HEADER, "true"));
    RunModel model = RunReading.read(journal, null);
    assertThat(model.state()).isEqualTo(DagRunState.QUEUED);
    assertThat(model.ended()).isFalse();
    assertThat(model.end()).isNull();
    assertThat(model.params()).containsEntry("p", 1);
    assertThat(model.task("a").state()).isEqualTo(TaskState.FAILED);
    assertThat(model.task("a").tries()).hasSize(1);
  }

  @Test
  void triesAreCutAtEachEndAndATornLastLineIsAWarning() throws Exception {
    Path journal = dir.resolve("r.jsonl");
    Files.writeString(
        journal,
        String.format(HEADER, "false")
            + run("running", 1)
            + task("running", 1, 1)
            + task("up_for_retry", 1, 2)
            + task("running", 2, 3)
            + task("success", 2, 4)
            + run("success", 4)
            + "{\"type\":\"operation_st");
    RunModel model = RunReading.read(journal, null);
    assertThat(model.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(model.task("a").tries())
        .extracting(RunModel.Try::number, RunModel.Try::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, TaskState.UP_FOR_RETRY),
            org.assertj.core.groups.Tuple.tuple(2, TaskState.SUCCESS));
    assertThat(model.task("a").tries().get(1).duration()).hasSeconds(1);
    assertThat(model.warnings())
        .singleElement()
        .asString()
        .contains("line 8")
        .contains("the last line");
  }
}
