package io.processflow.ui;

import io.processflow.runtime.cli.LauncherExtension;
import io.processflow.runtime.dsl.DagProvider;
import java.util.List;

/** Adds {@code ui} and {@code report} to the launcher of any jar that has this module. */
public final class UiCommands implements LauncherExtension {
  @Override
  public List<Object> commands(List<DagProvider> dags) {
    return List.of(new UiCommand(dags), new ReportCommand(dags));
  }
}
