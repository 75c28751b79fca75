package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher's one shape: every command with the same help options, DAGs found one way. */
class LauncherTest {
  private static final List<DagProvider> DAGS =
      List.of(
          DagProvider.of(oneTask(DagBuilder.dag("b_dag").param("table", "orders"))),
          DagProvider.of(oneTask(DagBuilder.dag("a"))));

  private static DagDefinition oneTask(DagBuilder dag) {
    dag.task("t", ctx -> null);
    return dag.build();
  }

  private static Captured launch(String... args) {
    return Captured.of(() -> Launcher.execute(DAGS, args));
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "run", "list-runs", "test-task", "next-runs"})
  void everyCommandHasTheStandardHelpAndVersionOptions(String command) {
    Captured outcome = launch(command, "--help");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out())
        .startsWith("Usage: processflow " + command)
        .contains("-h, --help", "-V, --version");
  }

  @Test
  void twoDagsWithOneIdAreBothUnusableNamingBothWhileTheOthersWork(@TempDir Path runsDir) {
    List<DagProvider> twice =
        List.of(
            DagProvider.of(oneTask(DagBuilder.dag("etl"))),
            // A provider class of its own, as a DAG of the same id in another jar would be.
            new TestTaskCommandTest.EtlProvider(),
            DAGS.get(1));
    Captured run =
        Captured.of(() -> Launcher.execute(twice, "run", "etl", "--runs-dir", runsDir.toString()));
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    // The command's own error, not only the warnings before it, names both classes.
    String error =
        run.err().lines().filter(line -> !line.startsWith("warning:")).findFirst().orElse("");
    assertThat(error)
        .contains("DAG 'etl' is unusable: it is declared 2 times on the classpath")
        .contains(TestTaskCommandTest.EtlProvider.class.getName())
        .contains("rename all but one of them")
        .doesNotContain(BrokenDagProvider.class.getSimpleName());
    assertThat(run.err().lines().filter(line -> line.startsWith("warning:"))).hasSize(1);
    assertThat(runsDir).isEmptyDirectory();
    Captured list = Captured.of(() -> Launcher.execute(twice, "list"));
    assertThat(list.status()).isZero();
    assertThat(list.out()).contains("UNUSABLE: it is declared 2 times on the classpath");
    // The other DAGs still run.
    assertThat(
            Captured.of(() -> Launcher.execute(twice, "run", "a", "--runs-dir", runsDir.toString()))
                .status())
        .isZero();
  }

  /** A DSL provider whose DAG does not validate (a cycle), as a user's provider may build. */
  private static final DagProvider CYCLIC =
      new DagProvider() {
        @Override
        public String dagId() {
          return "cyclic";
        }

        @Override
        public String description() {
          return "";
        }

        @Override
        public DagDefinition definition() {
          DagBuilder dag = DagBuilder.dag("cyclic");
          var a = dag.task("a", ctx -> null);
          var b = dag.task("b", ctx -> null);
          a.then(b);
          b.then(a);
          return dag.build();
        }
      };

  /** A provider that says one id and builds a DAG of another. */
  private static final DagProvider MISMATCH =
      new DagProvider() {
        @Override
        public String dagId() {
          return "mismatch";
        }

        @Override
        public String description() {
          return "";
        }

        @Override
        public DagDefinition definition() {
          return oneTask(DagBuilder.dag("nightly"));
        }
      };

  @Test
  void anUnusableDagIsListedAndRefusedByNameWhileTheOthersWork(@TempDir Path runsDir) {
    List<DagProvider> dags = List.of(CYCLIC, MISMATCH, DAGS.get(0), DAGS.get(1));
    Captured list = Captured.of(() -> Launcher.execute(dags, "list"));
    assertThat(list.status()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("cyclic", "UNUSABLE: it cannot be built", "mismatch", "b_dag", "param table");
    assertThat(list.err())
        .contains("warning: DAG 'cyclic' is unusable")
        .contains("[ProcessFlow/Cycle]")
        .contains("warning: DAG 'mismatch' is unusable")
        .contains("says DAG id 'mismatch' but builds DAG 'nightly'");

    Captured cyclic =
        Captured.of(
            () -> Launcher.execute(dags, "run", "cyclic", "--runs-dir", runsDir.toString()));
    assertThat(cyclic.status()).isEqualTo(2);
    assertThat(cyclic.err()).contains("DAG 'cyclic' is unusable").doesNotContain("\tat ");
    Captured mismatch = Captured.of(() -> Launcher.execute(dags, "graph", "mismatch"));
    assertThat(mismatch.status()).isEqualTo(2);
    assertThat(runsDir).isEmptyDirectory();

    Captured other =
        Captured.of(() -> Launcher.execute(dags, "run", "a", "--runs-dir", runsDir.toString()));
    assertThat(other.status()).as(other.err()).isZero();
  }

  @Test
  void aBadLineOfTheServicesFileIsAWarningAndTheCommandStillRuns(@TempDir Path dir)
      throws Exception {
    Path services = dir.resolve("META-INF/services/" + DagProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "com.example.NoSuchProvider\n");
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
      Thread.currentThread().setContextClassLoader(loader);
      Captured help = Captured.of(() -> Launcher.execute("list"));
      assertThat(help.status()).as(help.err()).isZero();
      assertThat(help.out()).startsWith("dag_id");
      assertThat(help.err())
          .contains("cannot be loaded")
          .contains("com.example.NoSuchProvider")
          .contains("public no-argument constructor");
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "list-runs"})
  void anEmptyRunsDirIsRefusedRatherThanTheWorkingDirectory(String command) {
    Captured outcome = launch(command, "a", "--runs-dir", "");
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("Invalid value for option '--runs-dir': it is empty; give a directory");
  }

  @Test
  void versionNamesProcessFlow() {
    Captured outcome = launch("--version");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).startsWith("ProcessFlow ");
  }

  @Test
  void runAndAGeneratedMainShareTheirOptionsInOrderAndTheirExitStatuses() {
    String run = launch("run", "--help").out();
    String main = Captured.of(() -> DagCommand.execute(DAGS.get(1), "--help")).out();

    for (String help : List.of(run, main)) {
      assertThat(help)
          .contains(
              "-V, --version",
              "Exit status:",
              "143   terminated (SIGTERM): running tasks cancelled");
      assertThat(help.indexOf("      --run-id="))
          .isPositive()
          .isLessThan(help.indexOf("      --max-active-tasks="));
    }
    assertThat(run.substring(run.indexOf("Exit status:")))
        .isEqualTo(main.substring(main.indexOf("Exit status:")));
  }

  @Test
  void aMissingCommandNamesEveryCommand() {
    Captured outcome = launch();

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith("Missing command: use one of list, run, list-runs, test-task, next-runs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "next-runs", "test-task"})
  void anUnknownDagIdNamesTheKnownOnesInOrder(String command) {
    Captured outcome =
        command.equals("test-task") ? launch(command, "nope", "t") : launch(command, "nope");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith("Unknown DAG id 'nope'; the DAGs on the classpath are: a, b_dag");
  }

  @Test
  void listPrintsOneTableOfDagsSchedulesAndParams() {
    Captured outcome = launch("list");

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
