package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.GraphExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graph DAG_ID --format mermaid|dot [-o FILE]}: a DAG's tasks and dependencies as a diagram.
 * {@code -o} keeps the file free of whatever a logging backend prints on standard output while the
 * DAG is built (the samples' backend logs there, as the original did).
 */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description =
        "Prints a DAG's tasks and dependencies as a Mermaid flowchart or a Graphviz DOT digraph,"
            + " for docs and pull requests.")
final class GraphCommand implements Callable<Integer> {
  /** The formats, by the names the option takes. */
  enum Format {
    mermaid,
    dot
  }

  private final List<DagProvider> providers;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "The DAG to draw (see 'list').")
  String dagId;

  @Option(names = "--format", paramLabel = "FORMAT", description = "mermaid (default) or dot.")
  Format format = Format.mermaid;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Writes the diagram to FILE (UTF-8) instead of standard output.")
  Path output;

  @Spec CommandLine.Model.CommandSpec spec;

  GraphCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    DagDefinition dag = KnownDags.find(providers, dagId, spec.commandLine()).definition();
    String diagram = format == Format.dot ? GraphExport.dot(dag) : GraphExport.mermaid(dag);
    if (output != null) {
      try {
        Files.writeString(output, diagram, StandardCharsets.UTF_8);
      } catch (IOException e) {
        spec.commandLine().getErr().println("Cannot write the graph to " + output + ": " + e);
        return 2;
      }
      return 0;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(diagram);
    out.flush();
    return 0;
  }
}
