package io.processflow.runtime.logs;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.journal.Journals;
import java.nio.file.Path;
import java.time.Duration;

/** Runs a journaled DAG in a JVM with no SLF4J backend: see {@link NoBackendTest}. */
public final class NoBackendMain {
  private NoBackendMain() {}

  public static void main(String[] args) {
    DagBuilder dag = DagBuilder.dag("bare");
    dag.task(
            "load",
            ctx -> {
              TaskLog.of(ctx).info("try {} of load", ctx.tryNumber());
              if (ctx.tryNumber() == 1) {
                throw new IllegalStateException("first try fails");
              }
              return null;
            })
        .retries(1)
        .retryDelay(Duration.ofMillis(1));
    try (DagRunner runner = DagRunner.create()) {
      runner.run(
          dag.build(),
          RunConfig.builder()
              .runId("r1")
              .recorder(Journals.in(Path.of(args[0])).recorder(false))
              .build());
    }
  }
}
