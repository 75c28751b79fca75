package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.GraphExport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code graph DAG_ID --format mermaid|dot}: a DAG's tasks and dependencies as a diagram. */
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

  @Spec CommandLine.Model.CommandSpec spec;

  GraphCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    DagDefinition dag = KnownDags.find(providers, dagId, spec.commandLine()).definition();
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.dot ? GraphExport.dot(dag) : GraphExport.mermaid(dag));
    out.flush();
    return 0;
  }
}
