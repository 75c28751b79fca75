package io.processflow.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 15: a journal line is one JSON object; anything after it makes the line corrupt.
 */
class JournalTrailingGarbageTest {
  @TempDir Path runsDir;

  private final DagRunner runner = DagRunner.builder().workerThreads(1).maxActiveTasks(1).build();

  @AfterEach
  void close() {
    runner.close();
  }

  @Test
  void aLineWithGarbageAfterItsJsonObjectIsCorrupt() throws Exception {
    DagBuilder dag = DagBuilder.dag("garbage");
    dag.task("a", ctx -> "a").then(dag.task("b", ctx -> "b"));
    runner.run(
        dag.build(),
        RunConfig.builder().runId("r1").recorder(Journals.in(runsDir).recorder(true)).build());
    Path file = Journals.in(runsDir).file("garbage", "r1");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    assertThat(lines.get(2)).endsWith("}");
    lines.set(2, lines.get(2) + " {\"type\":\"operation_status_update\"}");
    Files.write(file, lines, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JournalReader.read(file))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith(file + ":3: corrupt line");
  }
}
