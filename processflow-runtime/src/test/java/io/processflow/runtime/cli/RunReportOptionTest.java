package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --report FILE} without a {@link RunReport} on the classpath (the runtime alone). */
class RunReportOptionTest {
  @TempDir Path dir;

  @Test
  void withoutTheUiModuleTheOptionIsRefusedBeforeAnyTaskRuns() {
    AtomicInteger ran = new AtomicInteger();
    DagBuilder builder = DagBuilder.dag("reported");
    builder.task("a", ctx -> ran.incrementAndGet());
    DagDefinition dag = builder.build();
    assertThat(RunReport.find()).isNull();
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status;
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      status =
          Launcher.execute(
              List.of(DagProvider.of(dag)),
              "run",
              "reported",
              "--runs-dir",
              dir.resolve("runs").toString(),
              "--report",
              dir.resolve("r.html").toString());
    } finally {
      System.setErr(err);
    }
    assertThat(status).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(
            "--report needs the processflow-ui module on the classpath (io.processflow:processflow-ui); nothing ran");
    assertThat(ran).hasValue(0);
    assertThat(Files.exists(dir.resolve("r.html"))).isFalse();
  }
}
