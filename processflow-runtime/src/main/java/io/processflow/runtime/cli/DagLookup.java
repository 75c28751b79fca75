package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Finds a command's DAG among those on the classpath, or says which ones there are. */
final class DagLookup {
  private DagLookup() {}

  /**
   * The definition of DAG {@code dagId}.
   *
   * @throws CommandLine.ParameterException naming the id and the DAGs on the classpath
   */
  static DagDefinition definition(List<DagProvider> providers, String dagId, CommandLine commandLine) {
    List<String> known = new ArrayList<>();
    for (DagProvider provider : providers) {
      if (provider.dagId().equals(dagId)) {
        return provider.definition();
      }
      known.add(provider.dagId());
    }
    throw new CommandLine.ParameterException(
        commandLine,
        "Unknown DAG id '" + TerminalText.escape(dagId) + "'; the DAGs on the classpath are: "
            + (known.isEmpty() ? "(none)" : String.join(", ", known)));
  }
}
