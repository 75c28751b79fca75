package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The commands' one way to find a DAG by id, and to say which ids exist when it is not there. */
final class KnownDags {
  private KnownDags() {}

  /**
   * The provider of {@code dagId}.
   *
   * @throws CommandLine.ParameterException naming the DAGs on the classpath when none has that id
   */
  static DagProvider find(List<DagProvider> providers, String dagId, CommandLine commandLine) {
    // The launcher's providers are checked (BrokenDagProvider#check): an id that is not usable,
    // two providers of one id included, is one BrokenDagProvider with its reason.
    for (DagProvider provider : providers) {
      if (provider.dagId().equals(dagId)) {
        if (provider instanceof BrokenDagProvider broken) {
          throw new CommandLine.ParameterException(commandLine, broken.message());
        }
        return provider;
      }
    }
    throw new CommandLine.ParameterException(
        commandLine,
        "Unknown DAG id '"
            + TerminalText.escape(dagId)
            + "'; the DAGs on the classpath are: "
            + ids(providers));
  }

  /** A provider's class and the jar or directory it was loaded from, when known. */
  static String where(DagProvider provider) {
    Class<?> type = provider.getClass();
    CodeSource source =
        type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
    return type.getName()
        + (source == null || source.getLocation() == null ? "" : " (" + source.getLocation() + ")");
  }

  /** The ids of {@code providers}, comma separated, or {@code (none)}. */
  static String ids(List<DagProvider> providers) {
    List<String> ids = new ArrayList<>();
    for (DagProvider provider : providers) {
      ids.add(provider.dagId());
    }
    return ids.isEmpty() ? "(none)" : String.join(", ", ids);
  }
}
