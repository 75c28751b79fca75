package io.processflow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.RunState;
import io.processflow.api.store.Action;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.execution.DagRunner;
import io.processflow.runtime.execution.ResumePlan;
import io.processflow.runtime.execution.RunConfig;
import io.processflow.runtime.execution.RunHandle;
import io.processflow.runtime.execution.RunResult;
import io.processflow.runtime.time.ManualTimer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI's progress: counts fed by the run's store, retry and failure lines, plain lines mode. */
class ProgressReporterTest {
  private final ManualTimer time = new ManualTimer();
  private final DagRunner runner = DagRunner.builder().workerThreads(2).timer(time).build();

  @AfterEach
  void close() {
    runner.close();
  }

  private static DagDefinition flaky() {
    DagBuilder dag = DagBuilder.dag("flaky");
    TaskHandle load =
        dag.task(
            "load",
            ctx -> {
              throw new IOException("disk full");
            });
    load.retries(2).retryDelay(Duration.ofSeconds(30));
    load.then(dag.task("report", ctx -> null));
    return dag.build();
  }

  /** Lets every retry timer fire as soon as the failed try has scheduled it. */
  private RunResult runAdvancingRetries(RunHandle handle) throws Exception {
    while (!handle.result().isDone()) {
      if (time.pending() > 0) {
        time.advance(time.untilNext());
      } else {
        Thread.sleep(1);
      }
    }
    return handle.result().get();
  }

  @Test
  void retriesAndTheFailureAreLinesOfTheirOwnAndTheCountsFollowTheStore() throws Exception {
    DagDefinition dag = flaky();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    RunProgress progress = new RunProgress(dag, events::add);
    RunResult result =
        runAdvancingRetries(runner.start(dag, RunConfig.builder().middleware(progress).build()));
    assertThat(result.succeeded()).isFalse();
    assertThat(events)
        .containsExactly(
            "load failed on try 1 of 3: IOException: disk full; retrying in 30s",
            "load failed on try 2 of 3: IOException: disk full; retrying in 30s",
            "load failed on try 3 of 3: IOException: disk full");
    assertThat(progress.snapshot()).isEqualTo(new RunProgress.Snapshot(2, 2, 0, 1, 1, 0));
  }

  @Test
  void aTaskWithoutRetriesFailsInOneLine() {
    DagBuilder dag = DagBuilder.dag("once");
    dag.task(
        "boom",
        ctx -> {
          throw new IllegalStateException("no source");
        });
    DagDefinition definition = dag.build();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    runner.run(
        definition,
        RunConfig.builder().middleware(new RunProgress(definition, events::add)).build());
    assertThat(events).containsExactly("boom failed: IllegalStateException: no source");
  }

  @Test
  void plainLinesComeOncePerIntervalWithDoneRunningFailedAndElapsed() throws Exception {
    DagBuilder dag = DagBuilder.dag("slow");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    TaskHandle first = dag.task("first", ctx -> 1);
    TaskHandle wait =
        dag.task(
            "wait",
            ctx -> {
              started.countDown();
              release.await();
              return null;
            });
    first.then(wait).then(dag.task("last", ctx -> null));
    DagDefinition definition = dag.build();
    StringWriter err = new StringWriter();
    AtomicLong nanos = new AtomicLong(1_000);
    ProgressReporter reporter =
        ProgressReporter.lines(
            definition, new PrintWriter(err), Duration.ofSeconds(10), nanos::get);
    RunHandle handle =
        runner.start(definition, RunConfig.builder().middleware(reporter.progress()).build());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    reporter.tick();
    assertThat(err.toString()).isEmpty(); // a short run prints no progress line

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    reporter.tick();
    assertThat(err.toString())
        .isEqualTo("[progress] 1/3 done, 1 running, 0 failed, 0:10 elapsed\n");

    release.countDown();
    handle.result().get(10, TimeUnit.SECONDS);
    nanos.addAndGet(Duration.ofSeconds(65).toNanos());
    reporter.tick();
    reporter.close();
    assertThat(err.toString()).endsWith("[progress] 3/3 done, 0 running, 0 failed, 1:15 elapsed\n");
  }

  @Test
  void aResumedRunCountsTheTasksItKeptAndItsTriesGoOn() throws Exception {
    DagBuilder builder = DagBuilder.dag("resumed");
    TaskHandle extract = builder.task("extract", ctx -> 1);
    TaskHandle load =
        builder.task(
            "load",
            ctx -> {
              throw new IOException("disk full");
            });
    load.retries(1).retryDelay(Duration.ofSeconds(5));
    extract.then(load);
    DagDefinition dag = builder.build();
    List<Action> recorded = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> recorder =
        store ->
            next ->
                action -> {
                  Action result = next.dispatch(action);
                  recorded.add(action);
                  return result;
                };
    RunResult first =
        runAdvancingRetries(
            runner.start(dag, RunConfig.builder().runId("r").middleware(recorder).build()));
    assertThat(first.task("load").tryNumber()).isEqualTo(2);

    List<String> events = Collections.synchronizedList(new ArrayList<>());
    RunProgress progress = new RunProgress(dag, events::add);
    ResumePlan plan = new ResumePlan(List.copyOf(recorded), List.of(), Set.of());
    runAdvancingRetries(
        runner.start(
            dag, RunConfig.builder().runId("r").resume(plan).middleware(progress).build()));
    assertThat(events)
        .containsExactly(
            "load failed on try 3 of 4: IOException: disk full; retrying in 5s",
            "load failed on try 4 of 4: IOException: disk full");
    // extract was kept: it counts as done without running again.
    assertThat(progress.snapshot()).isEqualTo(new RunProgress.Snapshot(2, 2, 0, 1, 0, 0));
  }

  @Test
  void humanDurations() {
    assertThat(RunProgress.human(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(RunProgress.human(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(RunProgress.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(RunProgress.human(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(RunProgress.human(Duration.ofHours(2))).isEqualTo("2h");
  }
}
