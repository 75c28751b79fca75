package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.ParamSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Lists and runs the DAGs on the classpath, found through {@link DagProvider} services: Airflow's
 * {@code dags list} and {@code dags test}. The main class of a runnable jar of DAGs:
 *
 * <pre>
 * java -jar app.jar list
 * java -jar app.jar run test_dag --param x=1
 * java -jar app.jar list-runs test_dag
 * java -jar app.jar next-runs etl --count 5
 * java -jar app.jar run test_dag --resume RUN_ID
 * java -jar app.jar test-task test_dag load --upstream 'extract=[1,2]'
 * </pre>
 */
@Command(
    name = "processflow",
    description = "Lists and runs the ProcessFlow DAGs on the classpath.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:the run failed",
      "2:bad arguments",
      "130:interrupted (Ctrl-C)",
      "143:terminated (SIGTERM)"})
public final class Launcher implements Runnable {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
  boolean help;

  @Spec CommandLine.Model.CommandSpec spec;

  private Launcher() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line against the DAGs that {@link ServiceLoader} finds; returns the exit status. */
  public static int execute(String... args) {
    List<DagProvider> providers = new ArrayList<>();
    ServiceLoader.load(DagProvider.class).forEach(providers::add);
    return execute(providers, args);
  }

  /** Runs the command line against {@code providers}; returns the exit status. */
  public static int execute(List<DagProvider> providers, String... args) {
    List<DagProvider> sorted = new ArrayList<>(providers);
    sorted.sort(Comparator.comparing(DagProvider::dagId));
    CommandLine line =
        new CommandLine(new Launcher())
            .addSubcommand("list", new ListCommand(sorted))
            .addSubcommand("run", new RunCommand(sorted))
            .addSubcommand("list-runs", new ListRunsCommand(sorted))
            .addSubcommand("test-task", new TestTaskCommand(sorted))
            .addSubcommand("next-runs", new NextRunsCommand(sorted, java.time.Clock.systemUTC()))
            .addSubcommand(new LogsCommand(sorted))
            .addSubcommand(new GraphCommand(sorted));
    for (LauncherExtension extension : ServiceLoader.load(LauncherExtension.class)) {
      for (Object command : extension.commands(List.copyOf(sorted))) {
        line.addSubcommand(command);
      }
    }
    return line.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'list', 'run DAG_ID', 'list-runs DAG_ID' or 'next-runs DAG_ID'");
  }

  @Command(name = "list", description = "Lists the DAGs on the classpath: id, description, and each param with its type, default, constraints and description.")
  static final class ListCommand implements Callable<Integer> {
    private final List<DagProvider> providers;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    boolean help;

    @Spec CommandLine.Model.CommandSpec spec;

    ListCommand(List<DagProvider> providers) {
      this.providers = providers;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      int width = "dag_id".length();
      for (DagProvider provider : providers) {
        width = Math.max(width, provider.dagId().length());
      }
      String format = "%-" + width + "s  %s%n";
      out.printf(format, "dag_id", "description");
      for (DagProvider provider : providers) {
        out.printf(format, provider.dagId(), provider.description());
        out.printf(format, "", "schedule: " + provider.schedule());
        for (ParamSpec param : provider.paramSpecs()) {
          out.printf(format, "", "param " + param.name() + ": " + param.describe());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "run",
      description = "Runs one DAG once and prints a summary of its tasks.",
      sortOptions = false,
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
      "0:the run succeeded",
      "1:the run failed",
      "2:bad arguments, such as a param the DAG does not declare, or a journal that cannot be used: nothing ran",
      "130:interrupted (Ctrl-C): running tasks cancelled",
      "143:terminated (SIGTERM): running tasks cancelled"})
  static final class RunCommand implements Callable<Integer> {
    private final List<DagProvider> providers;

    @Parameters(index = "0", paramLabel = "DAG_ID", description = "The id of the DAG to run (see 'list').")
    String dagId;

    @Mixin RunOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    boolean help;

    @Spec CommandLine.Model.CommandSpec spec;

    RunCommand(List<DagProvider> providers) {
      this.providers = providers;
    }

    @Override
    public Integer call() {
      List<String> known = new ArrayList<>();
      for (DagProvider provider : providers) {
        if (provider.dagId().equals(dagId)) {
          DagDefinition dag = provider.definition();
          return DagRuns.run(dag, options, spec.commandLine());
        }
        known.add(provider.dagId());
      }
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Unknown DAG id '" + dagId + "'; the DAGs on the classpath are: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }
  }
}
