package io.processflow.postgres;

import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.TaskOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code worker --db URL}: runs task bodies of the DAGs on this classpath for runs decided
 * elsewhere.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Runs task bodies for runs started with 'run DAG_ID --db URL': claims queued tries of the DAGs on"
            + " this classpath from the database until stopped (Ctrl-C, SIGTERM).")
final class WorkerCommand implements Callable<Integer> {
  private final List<DagProvider> providers;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "URL",
      description =
          "The database, e.g. jdbc:postgresql://host:5432/db?user=pf (the password from"
              + " PROCESSFLOW_DB_PASSWORD or PROCESSFLOW_DB_PASSWORD_FILE).")
  String db;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Tries run at once (default: ${DEFAULT-VALUE}).")
  int concurrency = Math.max(1, Runtime.getRuntime().availableProcessors());

  @Option(
      names = {"--queue", "-q"},
      paramLabel = "Q[,Q...]",
      split = ",",
      description =
          "The queues to claim from, comma-separated (Airflow's -q q1,q2; a task's queue is"
              + " @Task(queue = ...)); a try whose queue no worker serves waits (default:"
              + " ${DEFAULT-VALUE}).")
  List<String> queues = new ArrayList<>(List.of(DbTaskLauncher.DEFAULT_QUEUE));

  @Option(
      names = "--lease",
      paramLabel = "SECONDS",
      description =
          "How long a try stays this worker's without a heartbeat (renewed every third of it); a killed"
              + " worker's tries are retried elsewhere after it (default: ${DEFAULT-VALUE}).")
  int leaseSeconds = 30;

  @Option(
      names = "--max-output-bytes",
      paramLabel = "N",
      description = "The largest task output stored, as JSON (default: ${DEFAULT-VALUE}).")
  int maxOutputBytes = DbWorker.DEFAULT_MAX_OUTPUT_BYTES;

  @Spec CommandLine.Model.CommandSpec spec;

  WorkerCommand(List<DagProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (concurrency < 1 || leaseSeconds < 1 || maxOutputBytes < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--concurrency, --lease and --max-output-bytes must be at least 1");
    }
    for (String queue : queues) {
      if (!TaskOptions.isValidQueue(queue)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Invalid value for option '--queue': '" + queue + "': " + TaskOptions.QUEUE_RULE);
      }
    }
    List<DagDefinition> dags = new ArrayList<>();
    providers.forEach(provider -> dags.add(provider.definition()));
    Database database;
    try {
      database = Database.open(db);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid value for option '--db': " + e.getMessage());
    }
    DbWorker worker =
        new DbWorker(
            database,
            dags,
            concurrency,
            queues,
            Duration.ofSeconds(leaseSeconds),
            DbTaskLauncher.POLL,
            maxOutputBytes);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              worker.close();
              database.close();
              stopped.countDown();
            },
            "processflow-worker-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    worker.start();
    spec.commandLine()
        .getErr()
        .printf(
            "worker %s: %d slot(s), queue(s) %s, DAGs %s, database %s%n",
            worker.id(),
            concurrency,
            String.join(",", queues),
            providers.stream().map(DagProvider::dagId).toList(),
            database.where());
    spec.commandLine().getErr().flush();
    stopped.await();
    return 0;
  }
}
