package io.processflow.ui;

import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.DagProvider;
import io.processflow.runtime.dsl.ParamSpec;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.journal.Journals;
import io.processflow.runtime.logs.TaskLogFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The DAGs the UI tests show, with hostile params, error messages and log lines. */
final class UiDags {
  static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";

  /** Whether {@code flaky}'s {@code check} task fails: cleared after the first run, it succeeds. */
  static final AtomicBoolean CHECK_FAILS = new AtomicBoolean(true);

  private UiDags() {}

  /**
   * {@code demo}: extract >> [transform_a, transform_b] >> load >> publish; transform_b fails its
   * first try and succeeds on the retry, publish fails with a hostile message and is allowed to.
   */
  static DagDefinition demo() {
    AtomicInteger tries = new AtomicInteger();
    DagBuilder dag =
        DagBuilder.dag("demo")
            .description("A demo DAG " + HOSTILE)
            .param(ParamSpec.string("name").defaultValue(HOSTILE).description("who " + HOSTILE))
            .param(ParamSpec.integer("count").defaultValue(3).minimum(1));
    var extract = dag.task("extract", context -> 1);
    var a = dag.task("transform_a", context -> 2);
    var b =
        dag.task(
                "transform_b",
                context -> {
                  if (tries.incrementAndGet() == 1) {
                    throw new IllegalStateException("first try fails " + HOSTILE);
                  }
                  return 3;
                })
            .retries(1)
            .retryDelay(Duration.ofMillis(20));
    var load = dag.task("load", context -> 4);
    var publish =
        dag.task(
                "publish",
                context -> {
                  throw new IllegalArgumentException(HOSTILE);
                })
            .allowToFail();
    extract.then(a, b);
    load.after(a, b);
    load.then(publish);
    return dag.build();
  }

  /** {@code slow}: three tasks in a chain, {@code millis} each: a run to follow live. */
  static DagDefinition slow(long millis) {
    DagBuilder dag =
        DagBuilder.dag("slow").param(ParamSpec.integer("count").defaultValue(1).minimum(1));
    var first = dag.task("first", context -> sleep(millis));
    var second = dag.task("second", context -> sleep(millis));
    var third = dag.task("third", context -> sleep(millis));
    first.then(second);
    second.then(third);
    return dag.build();
  }

  /** {@code flaky}: prepare >> check >> finish; check fails while {@link #CHECK_FAILS}. */
  static DagDefinition flaky() {
    DagBuilder dag = DagBuilder.dag("flaky");
    var prepare = dag.task("prepare", context -> 1);
    var check =
        dag.task(
            "check",
            context -> {
              if (CHECK_FAILS.get()) {
                throw new IllegalStateException("check failed");
              }
              return 2;
            });
    var finish = dag.task("finish", context -> 3);
    prepare.then(check);
    check.then(finish);
    return dag.build();
  }

  private static Object sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return "slept";
  }

  static DagProvider provider(Supplier<DagDefinition> dag) {
    DagDefinition built = dag.get();
    return DagProvider.of(built);
  }

  /** Runs {@code dag} once, journaled in {@code runsDir}. */
  static RunResult run(DagDefinition dag, Path runsDir, String runId) {
    try (DagRunner runner = DagRunner.create()) {
      return runner.run(
          dag,
          RunConfig.builder().runId(runId).recorder(Journals.in(runsDir).recorder(false)).build());
    }
  }

  /**
   * Writes (over) a try's log where the runtime writes it: {@code <run
   * dir>/<task>/attempt=<try>.log}.
   */
  static Path writeLog(
      Path runsDir, String dagId, String runId, String taskId, int tryNumber, String text)
      throws IOException {
    Path log = TaskLogFiles.file(runsDir, dagId, runId, taskId, tryNumber);
    Files.createDirectories(log.getParent());
    Files.writeString(log, text, StandardCharsets.UTF_8);
    return log;
  }

  static List<DagProvider> providers() {
    return List.of(provider(UiDags::demo), provider(() -> slow(400)), provider(UiDags::flaky));
  }
}
