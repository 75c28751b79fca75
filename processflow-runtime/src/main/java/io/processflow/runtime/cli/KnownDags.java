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
    DagProvider found = null;
    for (DagProvider provider : providers) {
      if (provider.dagId().equals(dagId)) {
        if (provider instanceof BrokenDagProvider broken) {
          throw new CommandLine.ParameterException(commandLine, broken.message());
        }
        if (found != null) {
          throw duplicate(dagId, found, provider, commandLine);
        }
        found = provider;
      }
    }
    if (found != null) {
      return found;
    }
    throw new CommandLine.ParameterException(
        commandLine,
        "Unknown DAG id '"
            + TerminalText.escape(dagId)
            + "'; the DAGs on the classpath are: "
            + ids(providers));
  }

  private static CommandLine.ParameterException duplicate(
      String dagId, DagProvider first, DagProvider second, CommandLine commandLine) {
    return new CommandLine.ParameterException(
        commandLine,
        "DAG id '"
            + TerminalText.escape(dagId)
            + "' is declared twice on the classpath: by "
            + where(first)
            + " and by "
            + where(second)
            + "; a DAG id must be unique: rename one of them");
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
