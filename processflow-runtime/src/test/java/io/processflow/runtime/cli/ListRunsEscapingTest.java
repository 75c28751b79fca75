package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.journal.Journals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, item 15: {@code list-runs} never prints a run id's control characters raw. */
class ListRunsEscapingTest {
  @TempDir Path runsDir;

  @Test
  void runIdsArePrintedWithTheirControlAndBidiCharactersEscaped() {
    DagBuilder builder = DagBuilder.dag("hostile");
    builder.task("a", ctx -> "a");
    DagDefinition dag = builder.build();
    String runId = "r1\nfake  2024 success\r\u001B[2J\u0000\u202Etxt.exe\\n";
    try (DagRunner runner = DagRunner.create()) {
      runner.run(
          dag,
          RunConfig.builder().runId(runId).recorder(Journals.in(runsDir).recorder(false)).build());
    }
    DagProvider provider = DagProvider.of(dag);
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      status =
          Launcher.execute(
              List.of(provider), "list-runs", "hostile", "--runs-dir", runsDir.toString());
    } finally {
      System.setOut(out);
    }
    String listed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(listed.lines()).hasSize(2);
    assertThat(listed.lines().skip(1).findFirst().orElseThrow())
        .startsWith("r1\\nfake  2024 success\\r\\x1b[2J\\x00\\u202etxt.exe\\\\n ")
        .endsWith("success");
    assertThat(listed).doesNotContain("\r", "\u001B", "\u0000", "\u202E");
  }

  @Test
  void plainTextIsLeftAsItIs() {
    assertThat(TerminalText.escape("manual__2024-01-31T00:00:00+00:00 é 日本"))
        .isEqualTo("manual__2024-01-31T00:00:00+00:00 é 日本");
    assertThat(TerminalText.escape("\u0085\u009B\u007F\u2066\u2029"))
        .isEqualTo("\\x85\\x9b\\x7f\\u2066\\u2029");
  }
}
