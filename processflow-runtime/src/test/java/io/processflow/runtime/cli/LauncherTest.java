package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher's one shape: every command with the same help options, DAGs found one way. */
class LauncherTest {
  private record Outcome(int status, String out, String err) {}

  private static final List<DagProvider> DAGS =
      List.of(Providers.of(oneTask(DagBuilder.dag("b_dag").param("table", "orders"))), Providers.of(oneTask(DagBuilder.dag("a"))));

  private static DagDefinition oneTask(DagBuilder dag) {
    dag.task("t", ctx -> null);
    return dag.build();
  }

  private static Outcome capture(Callable<Integer> command) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int status = command.call();
      return new Outcome(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static Outcome launch(String... args) throws Exception {
    return capture(() -> Launcher.execute(DAGS, args));
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "run", "list-runs", "test-task", "next-runs"})
  void everyCommandHasTheStandardHelpAndVersionOptions(String command) throws Exception {
    Outcome outcome = launch(command, "--help");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out())
        .startsWith("Usage: processflow " + command)
        .contains("-h, --help", "-V, --version");
  }

  @Test
  void versionNamesProcessFlow() throws Exception {
    Outcome outcome = launch("--version");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).startsWith("ProcessFlow ");
  }

  @Test
  void runAndAGeneratedMainShareTheirOptionsInOrderAndTheirExitStatuses() throws Exception {
    String run = launch("run", "--help").out();
    String main = capture(() -> DagCommand.execute(DAGS.get(1), "--help")).out();

    for (String help : List.of(run, main)) {
      assertThat(help)
          .contains("-V, --version", "Exit status:", "143   terminated (SIGTERM): running tasks cancelled");
      assertThat(help.indexOf("      --run-id=")).isPositive().isLessThan(help.indexOf("      --max-active-tasks="));
    }
    assertThat(run.substring(run.indexOf("Exit status:"))).isEqualTo(main.substring(main.indexOf("Exit status:")));
  }

  @Test
  void aMissingCommandNamesEveryCommand() throws Exception {
    Outcome outcome = launch();

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("Missing command: use one of list, run, list-runs, test-task, next-runs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "next-runs", "test-task"})
  void anUnknownDagIdNamesTheKnownOnesInOrder(String command) throws Exception {
    Outcome outcome = command.equals("test-task") ? launch(command, "nope", "t") : launch(command, "nope");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("Unknown DAG id 'nope'; the DAGs on the classpath are: a, b_dag");
  }

  @Test
  void listPrintsOneTableOfDagsSchedulesAndParams() throws Exception {
    Outcome outcome = launch("list");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out())
        .isEqualTo(
            "dag_id  description\n"
                + "a       \n"
                + "        schedule: None\n"
                + "b_dag   \n"
                + "        schedule: None\n"
                + "        param table: default 'orders'\n");
  }
}
