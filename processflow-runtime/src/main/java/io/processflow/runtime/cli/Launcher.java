package io.processflow.runtime.cli;

import io.processflow.runtime.dsl.DagProvider;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
 * java -jar app.jar scheduler --runs-dir /var/lib/processflow
 * java -jar app.jar backfill etl --from-date 2024-01-01 --to-date 2024-01-31
 * java -jar app.jar run test_dag --resume RUN_ID
 * java -jar app.jar test-task test_dag load --upstream 'extract=[1,2]'
 * </pre>
 */
@Command(
    name = "processflow",
    mixinStandardHelpOptions = true,
    versionProvider = ProcessFlowVersion.class,
    description = "Lists and runs the ProcessFlow DAGs on the classpath.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:the run failed",
      "2:bad arguments",
      "130:interrupted (Ctrl-C)",
      "143:terminated (SIGTERM)"
    })
public final class Launcher implements Runnable {
  @Spec CommandSpec spec;

  private Launcher() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line against the DAGs that {@link ServiceLoader} finds; returns the exit
   * status.
   */
  public static int execute(String... args) {
    List<DagProvider> providers = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<DagProvider> found = ServiceLoader.load(DagProvider.class).iterator();
    // A bad line of a services file (a class that is not there, not public, without a public
    // no-argument constructor) is reported, and the other providers still load; the loader
    // recovers after an error, but only so many errors are read, in case it does not.
    for (int errors = 0; errors < MAX_SERVICE_ERRORS; ) {
      try {
        if (!found.hasNext()) {
          break;
        }
        providers.add(found.next());
      } catch (ServiceConfigurationError e) {
        errors++;
        problems.add(
            "warning: a DAG provider listed in META-INF/services/"
                + DagProvider.class.getName()
                + " cannot be loaded: "
                + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
                + "; list public classes with a public no-argument constructor that implement "
                + DagProvider.class.getName());
      }
    }
    return execute(providers, problems, args);
  }

  private static final int MAX_SERVICE_ERRORS = 100;

  /** Runs the command line against {@code providers}; returns the exit status. */
  public static int execute(List<DagProvider> providers, String... args) {
    return execute(providers, List.of(), args);
  }

  /**
   * Runs the command line against {@code providers}, each checked once (see BrokenDagProvider),
   * after printing {@code problems} and one warning per unusable DAG on standard error.
   */
  private static int execute(List<DagProvider> providers, List<String> problems, String... args) {
    List<DagProvider> sorted = BrokenDagProvider.check(providers);
    sorted.sort(Comparator.comparing(DagProvider::dagId));
    List<DagProvider> usable = BrokenDagProvider.usable(sorted);
    CommandLine line =
        new CommandLine(new Launcher())
            .addSubcommand("list", new ListCommand(sorted))
            .addSubcommand("run", new RunCommand(sorted))
            .addSubcommand("list-runs", new ListRunsCommand(sorted))
            .addSubcommand("test-task", new TestTaskCommand(sorted))
            .addSubcommand("next-runs", new NextRunsCommand(sorted, Clock.systemUTC()))
            .addSubcommand("scheduler", new SchedulerCommand(sorted, Clock.systemUTC()))
            .addSubcommand("backfill", new BackfillCommand(sorted, Clock.systemUTC()))
            .addSubcommand(new LogsCommand(sorted))
            .addSubcommand(new GraphCommand(sorted));
    for (LauncherExtension extension : ServiceLoader.load(LauncherExtension.class)) {
      for (Object command : extension.commands(List.copyOf(usable))) {
        line.addSubcommand(command);
      }
    }
    PrintWriter err = line.getErr();
    for (String problem : problems) {
      err.println(problem);
    }
    Set<String> warned = new HashSet<>();
    for (DagProvider provider : sorted) {
      if (provider instanceof BrokenDagProvider broken && warned.add(broken.message())) {
        err.println("warning: " + broken.message() + "; the other DAGs work as usual");
      }
    }
    err.flush();
    return line.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing command: use one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
