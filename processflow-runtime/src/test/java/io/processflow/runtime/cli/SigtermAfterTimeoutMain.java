package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import java.time.Duration;
import java.util.List;

/**
 * The CLI running a DAG whose {@code stubborn} task swallows its interrupt after its timeout, while
 * {@code waiter} sleeps; {@link SigtermAfterTimeoutTest} sends SIGTERM once the timeout has come.
 */
public final class SigtermAfterTimeoutMain {
  private SigtermAfterTimeoutMain() {}

  public static void main(String[] args) {
    DagBuilder dag = DagBuilder.dag("sigterm_after_timeout");
    dag.task(
            "stubborn",
            ctx -> {
              while (true) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.out.println("stubborn ignores its interrupt");
                  System.out.flush();
                }
              }
            })
        .executionTimeout(Duration.ofMillis(200));
    dag.task(
        "waiter",
        ctx -> {
          Thread.sleep(600_000);
          return null;
        });
    DagDefinition definition = dag.build();
    DagProvider provider = DagProvider.of(definition);
    System.exit(
        Launcher.execute(List.of(provider), "run", definition.dagId(), "--runs-dir", args[0]));
  }
}
