package io.processflow.postgres;

import io.processflow.runtime.cli.LauncherExtension;
import io.processflow.runtime.dsl.DagProvider;
import java.util.List;

/** Adds {@code worker} to the launcher when this module is on the classpath. */
public final class DbLauncherExtension implements LauncherExtension {
  @Override
  public List<Object> commands(List<DagProvider> dags) {
    return List.of(new WorkerCommand(dags));
  }
}
