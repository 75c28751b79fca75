package io.processflow.ui;

import io.processflow.runtime.cli.RunStoreOption;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.journal.RunStore;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ui}: serves the web UI until Ctrl-C or SIGTERM. */
@Command(
    name = "ui",
    mixinStandardHelpOptions = true,
    description =
        "Serves the web UI over the runs directory (or the database of --db): DAGs, Grid, Graph, Gantt, tries and logs; trigger"
            + " and clear. Listens on 127.0.0.1 unless --host says otherwise; on any other address it"
            + " prints a token that every request needs.")
final class UiCommand implements Callable<Integer> {
  private final List<DagProvider> dags;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The port (default: 8080; 0 for any free port).")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "The address to listen on (default: 127.0.0.1).")
  String host = "127.0.0.1";

  @Mixin RunStoreOption storeOption;

  @Spec CommandLine.Model.CommandSpec spec;

  UiCommand(List<DagProvider> dags) {
    this.dags = dags;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid value for option '--port': " + port + "; give 0 to 65535");
    }
    RunStore store = storeOption.open(spec.commandLine());
    UiServer server;
    try {
      server = UiServer.start(host, port, store, dags);
    } catch (java.io.IOException e) {
      store.close();
      spec.commandLine()
          .getErr()
          .println("Cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  store.close();
                  stopped.countDown();
                },
                "processflow-ui-stop"));
    spec.commandLine()
        .getOut()
        .println(
            "ProcessFlow UI on "
                + server.url()
                + " (runs in "
                + new UiRuns(store, dags).where()
                + "); Ctrl-C stops it");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
