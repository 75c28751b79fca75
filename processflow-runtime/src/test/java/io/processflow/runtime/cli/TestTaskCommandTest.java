package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code test-task DAG_ID TASK_ID}: one task alone, its upstream outputs given as JSON. */
class TestTaskCommandTest {
  private static final AtomicInteger LOADS = new AtomicInteger();

  /** extract >> sum >> load, with a param. */
  public static final class EtlProvider implements DagProvider {
    @Override
    public String dagId() {
      return "etl";
    }

    @Override
    public String description() {
      return "";
    }

    @Override
    public DagDefinition definition() {
      DagBuilder dag = DagBuilder.dag("etl").param("scale", "1");
      dag.task("extract", ctx -> List.of(1, 2, 3))
          .then(
              dag.task(
                  "sum",
                  ctx -> {
                    List<Integer> values = ctx.xcomPull("extract");
                    Map<String, Object> meta = ctx.xcomPull("meta");
                    int scale = Integer.parseInt((String) ctx.params().get("scale"));
                    if (values == null) {
                      throw new IllegalStateException("no values from extract");
                    }
                    return Map.of(
                        "sum",
                        values.stream().mapToInt(Integer::intValue).sum() * scale,
                        "source",
                        meta == null ? "none" : meta.get("source"),
                        "ds",
                        ctx.render("{{ ds }}"));
                  }))
          .then(dag.task("load", ctx -> LOADS.incrementAndGet()));
      dag.task("meta", ctx -> Map.of()).then(dag.task("unused", ctx -> null));
      return dag.build();
    }
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new TestTaskCommand(List.of(new EtlProvider())))
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void runsTheTaskAloneWithJsonUpstreamOutputsParamsAndDate() {
    int status =
        run(
            "etl",
            "sum",
            "--upstream",
            "extract=[4,5]",
            "--upstream",
            "meta={\"source\":\"s3\"}",
            "--param",
            "scale=10",
            "--logical-date",
            "2024-01-31");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("task sum of DAG etl, run manual__2024-01-31T00:00:00+00:00")
        .contains("state:  success after 1 try")
        .contains("\"sum\":90")
        .contains("\"source\":\"s3\"")
        .contains("\"ds\":\"2024-01-31\"");
    assertThat(LOADS).hasValue(0); // nothing downstream ran
  }

  @Test
  void aFailedTaskPrintsItsErrorAndExitsOne() {
    int status = run("etl", "sum", "--logical-date", "2024-01-31");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains("state:  failed after 1 try")
        .contains("output: (none)")
        .contains("error:  java.lang.IllegalStateException: no values from extract")
        .contains("\tat ");
  }

  @Test
  void badArgumentsExitTwoNamingWhatIsValid() {
    assertThat(run("etl", "summ")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "DAG 'etl' has no task 'summ' (did you mean 'sum'?); its tasks are [extract, sum, load,"
                + " meta, unused]");

    assertThat(run("elt", "sum")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown DAG id 'elt'; the DAGs on the classpath are: etl");

    assertThat(run("etl", "sum", "--upstream", "extract=[4,")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--upstream': extract=[4, is not JSON");

    assertThat(run("etl", "sum", "--upstream", "extrct=[4]")).isEqualTo(2);
    assertThat(err.toString()).contains("has no task 'extrct' to give an output for");

    assertThat(run("etl", "sum", "--param", "scal=2")).isEqualTo(2);
    assertThat(err.toString()).contains("has no param scal");
  }

  @Test
  void theLauncherHasTheCommand() {
    assertThat(Launcher.execute(List.of(new EtlProvider()), "test-task", "etl", "nope"))
        .isEqualTo(2);
  }
}
