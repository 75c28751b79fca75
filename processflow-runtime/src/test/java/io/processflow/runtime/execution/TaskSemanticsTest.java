package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.TriggerRule;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagValidationException;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.dsl.TaskList;
import io.processflow.runtime.time.ManualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Trigger rules, branching, retries, timeouts, fail-fast and cancellation, run for real. */
class TaskSemanticsTest {
  private final ManualTimer time = new ManualTimer();
  private final DagRunner runner =
      DagRunner.builder().workerThreads(4).maxActiveTasks(8).timer(time).build();

  @AfterEach
  void close() {
    runner.close();
  }

  private static RunResult result(RunHandle run) throws Exception {
    return run.result().get(20, TimeUnit.SECONDS);
  }

  @Test
  void allDoneRunsAfterAFailureAndTheRunFollowsItsLeaves() throws Exception {
    DagBuilder dag = DagBuilder.dag("cleanup");
    TaskHandle work =
        dag.task(
            "work",
            ctx -> {
              throw new IllegalStateException("work failed");
            });
    TaskHandle cleanup = dag.task("cleanup", ctx -> "cleaned").triggerRule(TriggerRule.ALL_DONE);
    TaskHandle report = dag.task("report", ctx -> "never");
    work.then(cleanup);
    work.then(report);

    RunResult result = result(runner.start(dag.build(), RunConfig.defaults()));

    assertThat(result.task("cleanup").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("report").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    // Airflow: a run fails when a leaf failed or is upstream_failed ("report" is).
    assertThat(result.state()).isEqualTo(DagRunState.FAILED);

    DagBuilder onlyCleanup = DagBuilder.dag("cleanup_leaf");
    onlyCleanup
        .task(
            "work",
            ctx -> {
              throw new IllegalStateException("work failed");
            })
        .then(onlyCleanup.task("cleanup", ctx -> null).triggerRule(TriggerRule.ALL_DONE));
    // Airflow: the only leaf succeeded, so the run succeeded although "work" failed.
    assertThat(result(runner.start(onlyCleanup.build(), RunConfig.defaults())).state())
        .isEqualTo(DagRunState.SUCCESS);
  }

  @Test
  void oneSuccessFiresBeforeTheOtherUpstreamEnds() throws Exception {
    CountDownLatch slowMayEnd = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("race");
    TaskHandle fast = dag.task("fast", ctx -> "fast");
    TaskHandle slow = dag.task("slow", ctx -> slowMayEnd.await(20, TimeUnit.SECONDS));
    TaskHandle first =
        dag.task(
                "first",
                ctx -> {
                  slowMayEnd.countDown(); // only reachable while "slow" still runs
                  return "first";
                })
            .triggerRule(TriggerRule.ONE_SUCCESS);
    TaskList.of(fast, slow).then(first);

    RunResult result = result(runner.start(dag.build(), RunConfig.defaults()));

    assertThat(result.task("first").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("slow").output()).isEqualTo(true);
    assertThat(result.task("first").endDate()).isBeforeOrEqualTo(result.task("slow").endDate());
  }

  @Test
  void branchFollowsTheReturnedIdsAndSkipsTheOthers() throws Exception {
    DagBuilder dag = DagBuilder.dag("branching");
    TaskHandle choose = dag.branch("choose", ctx -> "left");
    TaskHandle left = dag.task("left", ctx -> "L");
    TaskHandle right = dag.task("right", ctx -> "R");
    TaskHandle afterRight = dag.task("after_right", ctx -> "AR");
    TaskHandle join =
        dag.task("join", ctx -> "joined").triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS);
    TaskHandle strictJoin = dag.task("strict_join", ctx -> "never");
    choose.then(left, right);
    right.then(afterRight);
    TaskList.of(left, afterRight).then(join);
    TaskList.of(left, afterRight).then(strictJoin);

    RunResult result = result(runner.start(dag.build(), RunConfig.defaults()));

    assertThat(result.task("choose").output()).isEqualTo("left");
    assertThat(result.task("left").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("right").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("after_right").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("join").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("strict_join").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
  }

  @Test
  void branchToATaskTheDagDoesNotHaveFailsTheBranch() throws Exception {
    DagBuilder dag = DagBuilder.dag("bad_branch");
    TaskHandle choose = dag.branch("choose", ctx -> List.of("left", "nowhere"));
    choose.then(dag.task("left", ctx -> null));
    RunResult result = result(runner.start(dag.build(), RunConfig.defaults()));
    assertThat(result.task("choose").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("choose").error().message())
        .isEqualTo(
            "branch task 'choose' returned 'nowhere', which is no task of DAG 'bad_branch'; a branch"
                + " follows tasks of its DAG, usually among its direct downstream tasks [left]");
    assertThat(result.task("left").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
  }

  @Test
  void aBranchMayFollowAnyTaskOfTheDagAsAirflowAllows() throws Exception {
    // Airflow's skip_all_except checks only that the ids are tasks of the DAG, then skips the
    // direct downstream tasks that are neither followed nor downstream of a followed task:
    // following [a, c] with a >> c runs both; c alone skips a, and so c; an unrelated task skips
    // both children.
    record Case(List<String> followed, TaskState a, TaskState c) {}
    for (Case expected :
        List.of(
            new Case(List.of("a", "c"), TaskState.SUCCESS, TaskState.SUCCESS),
            new Case(List.of("c"), TaskState.SKIPPED, TaskState.SKIPPED),
            new Case(List.of("other"), TaskState.SKIPPED, TaskState.SKIPPED))) {
      DagBuilder dag = DagBuilder.dag("far_branch");
      TaskHandle branch = dag.branch("branch", ctx -> expected.followed());
      TaskHandle a = dag.task("a", ctx -> "A");
      TaskHandle b = dag.task("b", ctx -> "B");
      TaskHandle c = dag.task("c", ctx -> "C");
      dag.task("other", ctx -> "O");
      branch.then(a, b);
      a.then(c);
      RunResult result = result(runner.start(dag.build(), RunConfig.defaults()));
      String as = expected.followed().toString();
      assertThat(result.state()).as(as).isEqualTo(DagRunState.SUCCESS);
      assertThat(result.task("branch").state()).as(as).isEqualTo(TaskState.SUCCESS);
      assertThat(result.task("a").state()).as(as).isEqualTo(expected.a());
      assertThat(result.task("c").state()).as(as).isEqualTo(expected.c());
      assertThat(result.task("b").state()).as(as).isEqualTo(TaskState.SKIPPED);
      assertThat(result.task("other").state()).as(as).isEqualTo(TaskState.SUCCESS);
    }
  }

  @Test
  void shortCircuitFalseSkipsEverythingDownstream() throws Exception {
    for (boolean proceed : new boolean[] {false, true}) {
      DagBuilder dag = DagBuilder.dag("short_" + proceed);
      TaskHandle check = dag.shortCircuit("check", ctx -> proceed);
      TaskHandle next = dag.task("next", ctx -> "n");
      TaskHandle always = dag.task("always_done", ctx -> "a").triggerRule(TriggerRule.ALL_DONE);
      TaskHandle other = dag.task("other", ctx -> "o");
      check.then(next).then(always);
      other.then(always);

      RunResult result = result(runner.start(dag.build(), RunConfig.defaults()));

      TaskState expected = proceed ? TaskState.SUCCESS : TaskState.SKIPPED;
      assertThat(result.task("next").state()).isEqualTo(expected);
      assertThat(result.task("always_done").state()).isEqualTo(expected);
      assertThat(result.task("other").state()).isEqualTo(TaskState.SUCCESS);
    }
  }

  @Test
  void aShortCircuitRunsOnWhenItsConditionIsTrueAsPythonSeesIt() throws Exception {
    // Airflow's ShortCircuitOperator: "if condition:", and a true condition is the output.
    for (List<String> rows : List.of(List.<String>of(), List.of("row 1", "row 2"))) {
      DagBuilder dag = DagBuilder.dag("rows");
      TaskHandle found = dag.shortCircuit("found", ctx -> rows);
      TaskHandle load = dag.task("load", ctx -> ctx.xcomPull("found"));
      found.then(load);
      RunResult result = result(runner.start(dag.build(), RunConfig.defaults()));
      assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
      assertThat(result.task("found").state()).isEqualTo(TaskState.SUCCESS);
      if (rows.isEmpty()) {
        // Airflow 3's skip ends the task before its return value is pushed: no output.
        assertThat(result.task("found").output()).isNull();
        assertThat(result.task("load").state()).isEqualTo(TaskState.SKIPPED);
      } else {
        assertThat(result.task("found").output()).isEqualTo(rows);
        assertThat(result.task("load").state()).isEqualTo(TaskState.SUCCESS);
        assertThat(result.task("load").output()).isEqualTo(rows);
      }
    }
  }

  @Test
  void retriesWaitWithExponentialBackoffCappedByTheMaximum() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    List<TaskState> transitions = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> record =
        store ->
            next ->
                action -> {
                  if (action instanceof TaskStatusUpdate u && u.taskId().equals("flaky")) {
                    transitions.add(u.state());
                  }
                  return next.dispatch(action);
                };
    DagBuilder dag = DagBuilder.dag("retrying");
    dag.task(
            "flaky",
            ctx -> {
              if (tries.incrementAndGet() < 5) {
                throw new IllegalStateException("try " + ctx.tryNumber());
              }
              return "ok on try " + ctx.tryNumber();
            })
        .retries(4)
        .retryDelay(Duration.ofSeconds(10))
        .retryExponentialBackoff(true)
        .maxRetryDelay(Duration.ofSeconds(25));

    RunHandle run = runner.start(dag.build(), RunConfig.builder().middleware(record).build());
    for (int retry = 1; retry <= 4; retry++) {
      int expectedTries = retry;
      Await.until(() -> tries.get() == expectedTries && time.pending() == 1);
      assertThat(run.result()).isNotDone();
      // The retry was scheduled when the try failed on its worker, possibly while an earlier
      // advance was still moving the clock: measure from its due time, not from the test's.
      time.advance(time.untilNext().minusMillis(1));
      assertThat(tries.get()).as("no retry before the delay").isEqualTo(expectedTries);
      time.advance(Duration.ofMillis(1));
    }
    RunResult result = result(run);

    // Airflow's backoff with its jitter (RetryDelayTest has the exact values): 10 s doubled per
    // try, plus up to as much again, then capped at 25 s.
    assertThat(time.requestedDelays()).hasSize(4);
    assertThat(time.requestedDelays().get(0))
        .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(19));
    assertThat(time.requestedDelays().subList(1, 4))
        .containsExactly(Duration.ofSeconds(25), Duration.ofSeconds(25), Duration.ofSeconds(25));
    assertThat(result.task("flaky").output()).isEqualTo("ok on try 5");
    assertThat(result.task("flaky").tryNumber()).isEqualTo(5);
    // Each retry is handed to the executor when its delay is over: queued (a slot is free at once,
    // so it never waits as scheduled), then running.
    List<TaskState> perTry = List.of(TaskState.QUEUED, TaskState.RUNNING, TaskState.UP_FOR_RETRY);
    List<TaskState> expected = new ArrayList<>();
    for (int t = 1; t <= 4; t++) {
      expected.addAll(perTry);
    }
    expected.addAll(List.of(TaskState.QUEUED, TaskState.RUNNING, TaskState.SUCCESS));
    assertThat(transitions).containsExactlyElementsOf(expected);
  }

  @Test
  void exhaustedRetriesFailAndDefaultArgsApply() throws Exception {
    DagBuilder dag = DagBuilder.dag("exhausted");
    dag.defaultArgs().retries(1).retryDelay(Duration.ofSeconds(3));
    dag.task(
        "broken",
        ctx -> {
          throw new IllegalStateException("always");
        });
    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    Await.until(() -> time.pending() == 1);
    time.advance(Duration.ofSeconds(3));
    RunResult result = result(run);
    assertThat(result.task("broken").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("broken").tryNumber()).isEqualTo(2);
    assertThat(time.requestedDelays()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void aRetryWaitHoldsNoWorkerThread() throws Exception {
    CountDownLatch otherRan = new CountDownLatch(1);
    AtomicInteger flakyTries = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("single_thread");
    dag.task(
            "flaky",
            ctx -> {
              if (flakyTries.incrementAndGet() == 1) {
                throw new IllegalStateException("first try fails");
              }
              return "ok";
            })
        .retries(1)
        .retryDelay(Duration.ofMinutes(5));
    dag.task(
        "other",
        ctx -> {
          otherRan.countDown();
          return "other";
        });
    try (DagRunner oneThread =
        DagRunner.builder().workerThreads(1).maxActiveTasks(1).timer(time).build()) {
      RunHandle run = oneThread.start(dag.build(), RunConfig.defaults());
      // While "flaky" waits 5 minutes for its retry, the only thread and slot run "other".
      assertThat(otherRan.await(20, TimeUnit.SECONDS)).isTrue();
      Await.until(() -> time.pending() == 1);
      time.advance(Duration.ofMinutes(5));
      assertThat(result(run).succeeded()).isTrue();
    }
  }

  @Test
  void timeoutInterruptsABlockingTryAndRetries() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicInteger tries = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("timeouts");
    dag.task(
            "slow",
            ctx -> {
              if (tries.incrementAndGet() == 1) {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  interrupted.set(true);
                  throw e;
                }
              }
              return "fast second try";
            })
        .executionTimeout(Duration.ofSeconds(5))
        .retries(1)
        .retryDelay(Duration.ofSeconds(1));

    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    Await.until(() -> tries.get() == 1 && time.pending() == 1);
    time.advance(Duration.ofSeconds(5)); // the timeout fires, then the retry is scheduled
    Await.until(() -> time.pending() == 1);
    time.advance(Duration.ofSeconds(1));
    RunResult result = result(run);

    Await.until(interrupted::get);
    assertThat(result.task("slow").output()).isEqualTo("fast second try");
    assertThat(result.task("slow").tryNumber()).isEqualTo(2);
  }

  @Test
  void timeoutCancelsAnAsynchronousTry() throws Exception {
    CompletableFuture<String> never = new CompletableFuture<>();
    DagBuilder dag = DagBuilder.dag("async_timeout");
    dag.task("waiting", ctx -> never).executionTimeout(Duration.ofSeconds(30));
    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    Await.until(() -> time.pending() == 1);
    time.advance(Duration.ofSeconds(30));
    RunResult result = result(run);
    // When the timeout ends the try before the body has handed its future over, the body's thread
    // cancels the future itself, as it hands it over: maybe just after the run's end.
    Await.until(never::isCancelled);
    assertThat(result.task("waiting").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("waiting").error().type()).isEqualTo(TimeoutException.class.getName());
    assertThat(result.task("waiting").error().message())
        .isEqualTo("task 'waiting' timed out after PT30S (executionTimeout); it was cancelled");
  }

  @Test
  void failFastFailsRunningTasksAndSkipsTheRest() throws Exception {
    CountDownLatch blockerStarted = new CountDownLatch(1);
    AtomicBoolean blockerInterrupted = new AtomicBoolean();
    CountDownLatch failNow = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("fail_fast").failFast(true);
    TaskHandle blocker =
        dag.task(
            "blocker",
            ctx -> {
              blockerStarted.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                blockerInterrupted.set(true);
              }
              return null;
            });
    TaskHandle failing =
        dag.task(
            "failing",
            ctx -> {
              failNow.await();
              throw new IllegalStateException("first failure");
            });
    blocker.then(dag.task("after_blocker", ctx -> null));
    failing.then(dag.task("after_failing", ctx -> null));

    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    assertThat(blockerStarted.await(20, TimeUnit.SECONDS)).isTrue();
    failNow.countDown();
    RunResult result = result(run);

    assertThat(result.state()).isEqualTo(DagRunState.FAILED);
    assertThat(result.task("failing").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("blocker").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("blocker").error().message())
        .isEqualTo("stopped by fail_fast: task 'failing' failed");
    assertThat(result.task("after_blocker").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("after_failing").state()).isEqualTo(TaskState.SKIPPED);
    Await.until(blockerInterrupted::get);
  }

  @Test
  void failFastAllowsOnlyAllSuccess() {
    DagBuilder dag = DagBuilder.dag("fail_fast_rules").failFast(true);
    dag.task("a", ctx -> null).then(dag.task("b", ctx -> null).triggerRule(TriggerRule.ALL_DONE));
    DagValidationException e = catchThrowableOfType(DagValidationException.class, dag::build);
    assertThat(e.problems())
        .containsExactly(
            "[ProcessFlow/FailFast] task 'b' has triggerRule = ALL_DONE, but DAG 'fail_fast_rules' is"
                + " failFast, which allows only ALL_SUCCESS (Airflow 3's fail_fast); remove the triggerRule"
                + " or failFast");
  }

  @Test
  void cancelInterruptsRunningTasksAndStartsNothingNew() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean downstreamRan = new AtomicBoolean();
    DagBuilder dag = DagBuilder.dag("cancelled");
    dag.task(
            "long",
            ctx -> {
              started.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
              return null;
            })
        .then(dag.task("next", ctx -> downstreamRan.getAndSet(true)));

    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    run.cancel();
    RunResult result = result(run);

    assertThat(result.state()).isEqualTo(DagRunState.FAILED);
    assertThat(result.task("long").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("long").error().type())
        .isEqualTo("java.util.concurrent.CancellationException");
    assertThat(result.task("next").state()).isEqualTo(TaskState.NONE);
    Await.until(interrupted::get);
    assertThat(downstreamRan).isFalse();
  }

  @Test
  void aTaskKeptByTheThreadOfItsUpstreamDoesNotRunOnceACancelEndedTheRun() throws Exception {
    // b is kept by the thread that ran a: its try starts in the section that records a's success,
    // and the thread logs "processed a" outside the lock before it runs b's body. The cancel lands
    // right there: b's try is running but its body has not started, and must not start now.
    ch.qos.logback.classic.Logger engine =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RunExecution.class);
    AtomicBoolean bRan = new AtomicBoolean();
    CountDownLatch cancelled = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<RunHandle> handle =
        new java.util.concurrent.atomic.AtomicReference<>();
    ch.qos.logback.core.UnsynchronizedAppenderBase<ch.qos.logback.classic.spi.ILoggingEvent>
        cancelAfterA =
            new ch.qos.logback.core.UnsynchronizedAppenderBase<>() {
              @Override
              protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
                if (event.getFormattedMessage().equals("processed a")) {
                  handle.get().cancel();
                  handle.get().result().join();
                  cancelled.countDown();
                }
              }
            };
    cancelAfterA.start();
    ch.qos.logback.classic.Level level = engine.getLevel();
    engine.setLevel(ch.qos.logback.classic.Level.INFO);
    engine.addAppender(cancelAfterA);
    try {
      DagBuilder dag = DagBuilder.dag("cancel_between");
      CountDownLatch handed = new CountDownLatch(1);
      dag.task(
              "a",
              ctx -> {
                handed.await(20, TimeUnit.SECONDS);
                return null;
              })
          .then(dag.task("b", ctx -> bRan.getAndSet(true)));
      RunHandle run = runner.start(dag.build(), RunConfig.builder().maxActiveTasks(1).build());
      handle.set(run);
      handed.countDown();
      assertThat(cancelled.await(20, TimeUnit.SECONDS)).isTrue();
      RunResult result = result(run);
      run.terminated().get(20, TimeUnit.SECONDS);
      assertThat(result.task("a").state()).isEqualTo(TaskState.SUCCESS);
      // Running when the cancel came, so failed by it, like any try a cancel finds running.
      assertThat(result.task("b").state()).isEqualTo(TaskState.FAILED);
      assertThat(result.task("b").error().message()).contains("was cancelled");
      assertThat(bRan).as("b's body ran after the cancel ended the run").isFalse();
    } finally {
      engine.detachAppender(cancelAfterA);
      engine.setLevel(level);
    }
  }

  @Test
  void terminatedWaitsForInterruptedBodiesToReturnAfterACancel() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch cleanupMayEnd = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("slow_cleanup");
    dag.task(
        "stubborn",
        ctx -> {
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            cleanupMayEnd.await(20, TimeUnit.SECONDS); // cleanup that takes a while
          }
          return null;
        });
    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    run.cancel();
    RunResult result = result(run);
    assertThat(result.task("stubborn").state()).isEqualTo(TaskState.FAILED);
    assertThat(run.terminated()).isNotDone();
    cleanupMayEnd.countDown();
    run.terminated().get(20, TimeUnit.SECONDS);
  }
}
