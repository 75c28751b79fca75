package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import java.util.List;

/** Runs the launcher on some DAGs and keeps what it printed. */
record Cli(int status, String out, String err) {
  static synchronized Cli run(List<DagProvider> providers, String... args) {
    Captured captured = Captured.of(() -> Launcher.execute(providers, args));
    return new Cli(captured.status(), captured.out(), captured.err());
  }
}
