package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.TriggerRule;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.time.ManualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task waiting to retry is checked again, as Airflow's scheduler checks an {@code up_for_retry}
 * task at every pass ({@code NotPreviouslySkippedDep}, {@code TriggerRuleDep} with {@code
 * flag_upstream_failed}), and fail-fast skips it ({@code _stop_remaining_tasks}). The expected
 * states are what Airflow 3's code does with the same events.
 */
class RetryRecheckTest {
  private final ManualTimer time = new ManualTimer();
  private final DagRunner runner =
      DagRunner.builder().workerThreads(4).maxActiveTasks(8).timer(time).build();

  /** Every recorded state of task {@code x}, in order. */
  private final List<TaskState> xStates = Collections.synchronizedList(new ArrayList<>());

  private final Middleware<RunState> recordX =
      store ->
          next ->
              action -> {
                if (action instanceof TaskStatusUpdate u && u.taskId().equals("x")) {
                  xStates.add(u.state());
                }
                return next.dispatch(action);
              };

  private RunConfig recording() {
    return RunConfig.builder().middleware(recordX).build();
  }

  @AfterEach
  void close() {
    runner.close();
  }

  /** A body that returns {@code output} once {@code go} opens. */
  private static io.processflow.api.Operator returnsOnceOpen(CountDownLatch go, Object output) {
    return ctx -> {
      assertThat(go.await(20, TimeUnit.SECONDS)).isTrue();
      return output;
    };
  }

  /** A body that fails its first try once {@code go} opens and succeeds after. */
  private static io.processflow.api.Operator failsFirst(
      AtomicInteger tries, CountDownLatch started, CountDownLatch go) {
    return ctx -> {
      if (tries.incrementAndGet() == 1) {
        started.countDown();
        assertThat(go.await(20, TimeUnit.SECONDS)).isTrue();
        throw new IllegalStateException("try 1");
      }
      return "x" + ctx.tryNumber();
    };
  }

  /**
   * A task recorded scheduled for its first try and then skipped keeps that try's number, as in
   * Airflow (schedule_tis counts the try when it schedules it): b waits for the one slot, a takes
   * it and fails, and fail-fast skips b as try 1, not 0.
   */
  @Test
  void failFastSkipsAScheduledTaskInItsScheduledTry() throws Exception {
    DagBuilder dag = DagBuilder.dag("ff_scheduled").failFast(true).maxActiveTasks(1);
    dag.task(
        "a",
        ctx -> {
          throw new IllegalStateException("hard");
        });
    dag.task("b", ctx -> "never");
    RunResult result =
        runner.start(dag.build(), RunConfig.defaults()).result().get(20, TimeUnit.SECONDS);
    assertThat(result.task("a").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("b").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("b").tryNumber()).isEqualTo(1);
  }

  @Test
  void failFastSkipsATaskWaitingToRetry() throws Exception {
    CountDownLatch failNow = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("ff_retry").failFast(true);
    dag.task(
            "flaky",
            ctx -> {
              throw new IllegalStateException("try " + ctx.tryNumber());
            })
        .retries(3)
        .retryDelay(Duration.ofMinutes(5));
    dag.task(
        "failing",
        ctx -> {
          assertThat(failNow.await(20, TimeUnit.SECONDS)).isTrue();
          throw new IllegalStateException("hard");
        });
    RunHandle run = runner.start(dag.build(), RunConfig.defaults());
    Await.until(() -> run.snapshot().task("flaky").state() == TaskState.UP_FOR_RETRY);
    failNow.countDown();
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    assertThat(result.task("failing").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("flaky").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(result.task("flaky").tryNumber()).isEqualTo(1);
    assertThat(result.state()).isEqualTo(DagRunState.FAILED);
  }

  /**
   * a >> x and a decider above x: x (one_success, one retry) starts after a, and its first try
   * waits for {@code xGo}; once x has started, the decider returns {@code decision}. The decider is
   * a branch above [y, x], or a short circuit above x alone.
   */
  private RunHandle deciderBesideX(
      boolean shortCircuit, Object decision, AtomicInteger xTries, CountDownLatch xGo)
      throws Exception {
    CountDownLatch deciderGo = new CountDownLatch(1);
    CountDownLatch xStarted = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("decider_beside_x");
    TaskHandle a = dag.task("a", ctx -> "A");
    io.processflow.api.Operator decide = returnsOnceOpen(deciderGo, decision);
    TaskHandle decider =
        shortCircuit ? dag.shortCircuit("decider", decide) : dag.branch("decider", decide);
    TaskHandle x =
        dag.task("x", failsFirst(xTries, xStarted, xGo))
            .triggerRule(TriggerRule.ONE_SUCCESS)
            .retries(1)
            .retryDelay(Duration.ofMinutes(5));
    if (shortCircuit) {
      decider.then(x);
    } else {
      decider.then(dag.task("y", ctx -> "Y"), x);
    }
    a.then(x);
    RunHandle run = runner.start(dag.build(), recording());
    assertThat(xStarted.await(20, TimeUnit.SECONDS)).isTrue();
    deciderGo.countDown();
    Await.until(() -> run.snapshot().task("decider").state() == TaskState.SUCCESS);
    return run;
  }

  @Test
  void aChildABranchSkippedWhileItRanIsSkippedInsteadOfRetried() throws Exception {
    // The branch follows y while x runs, and x's first try fails: Airflow records up_for_retry,
    // then
    // NotPreviouslySkippedDep skips x.
    CountDownLatch xGo = new CountDownLatch(1);
    AtomicInteger xTries = new AtomicInteger();
    RunHandle run = deciderBesideX(false, "y", xTries, xGo);
    assertThat(run.snapshot().task("x").state()).isEqualTo(TaskState.RUNNING); // left alone
    xGo.countDown();
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    assertThat(result.task("y").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("x").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(xTries).hasValue(1);
    assertThat(xStates).endsWith(TaskState.RUNNING, TaskState.UP_FOR_RETRY, TaskState.SKIPPED);
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
  }

  @Test
  void aTaskStillFollowedRetriesAsBefore() throws Exception {
    // The branch follows x: x retries and succeeds.
    CountDownLatch xGo = new CountDownLatch(1);
    AtomicInteger xTries = new AtomicInteger();
    RunHandle run = deciderBesideX(false, "x", xTries, xGo);
    xGo.countDown();
    Await.until(() -> time.pending() == 1);
    time.advance(Duration.ofMinutes(5));
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    assertThat(result.task("x").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("x").tryNumber()).isEqualTo(2);
  }

  /**
   * f fails, so u (all_success, also below br) is upstream_failed and x (one_failed, below u and v)
   * starts; br then follows z, which turns u skipped, and x's first try fails.
   */
  private RunHandle upstreamTurnedSkipped(AtomicInteger xTries, CountDownLatch vGo, boolean vFails)
      throws Exception {
    CountDownLatch branchGo = new CountDownLatch(1);
    CountDownLatch xStarted = new CountDownLatch(1);
    CountDownLatch xGo = new CountDownLatch(1);
    DagBuilder dag = DagBuilder.dag("recheck");
    TaskHandle f =
        dag.task(
            "f",
            ctx -> {
              throw new IllegalStateException("f");
            });
    TaskHandle br = dag.branch("br", returnsOnceOpen(branchGo, "z"));
    TaskHandle z = dag.task("z", ctx -> "Z");
    TaskHandle u = dag.task("u", ctx -> "U");
    TaskHandle v =
        dag.task(
            "v",
            ctx -> {
              assertThat(vGo.await(20, TimeUnit.SECONDS)).isTrue();
              if (vFails) {
                throw new IllegalStateException("v");
              }
              return "V";
            });
    TaskHandle x =
        dag.task("x", failsFirst(xTries, xStarted, xGo))
            .triggerRule(TriggerRule.ONE_FAILED)
            .retries(1)
            .retryDelay(Duration.ofMinutes(5));
    br.then(z, u);
    f.then(u);
    u.then(x);
    v.then(x);
    RunHandle run = runner.start(dag.build(), recording());
    assertThat(xStarted.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(run.snapshot().task("u").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    branchGo.countDown();
    Await.until(() -> run.snapshot().task("u").state() == TaskState.SKIPPED);
    xGo.countDown();
    Await.until(() -> run.snapshot().task("x").state() == TaskState.UP_FOR_RETRY);
    return run;
  }

  @Test
  void aTaskWaitingToRetryWhoseRuleNoLongerHoldsWaitsAndRunsWhenItHoldsAgain() throws Exception {
    // one_failed with u skipped and v running: not met, not decided. Airflow keeps x up_for_retry
    // past its delay; v's failure meets the rule and x's second try runs.
    AtomicInteger xTries = new AtomicInteger();
    CountDownLatch vGo = new CountDownLatch(1);
    RunHandle run = upstreamTurnedSkipped(xTries, vGo, true);
    Await.until(() -> time.pending() == 1);
    time.advance(Duration.ofMinutes(5));
    assertThat(run.snapshot().task("x").state()).isEqualTo(TaskState.UP_FOR_RETRY);
    assertThat(xTries).hasValue(1);
    vGo.countDown();
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    assertThat(result.task("v").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("x").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.task("x").tryNumber()).isEqualTo(2);
    assertThat(xTries).hasValue(2);
  }

  @Test
  void aCancelFailsATaskWaitingToRetryPastItsDelayAsOneWithinIt() throws Exception {
    // Both are up_for_retry, as in Airflow: whether the delay has passed does not change its end.
    AtomicInteger xTries = new AtomicInteger();
    CountDownLatch vGo = new CountDownLatch(1);
    RunHandle run = upstreamTurnedSkipped(xTries, vGo, true);
    Await.until(() -> time.pending() == 1);
    time.advance(Duration.ofMinutes(5)); // past its delay, its rule does not hold: it waits
    assertThat(run.snapshot().task("x").state()).isEqualTo(TaskState.UP_FOR_RETRY);
    run.cancel();
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    vGo.countDown();
    assertThat(result.task("x").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("x").tryNumber()).isEqualTo(1);
    assertThat(result.state()).isEqualTo(DagRunState.FAILED);
    assertThat(time.pending()).as("no retry timer left").isZero();
  }

  @Test
  void aChildAShortCircuitSkippedWhileItRanIsSkippedInsteadOfRetried() throws Exception {
    // The short circuit's false condition skips everything below it but x, which runs; x's try
    // fails, and x is skipped, never retried.
    CountDownLatch xGo = new CountDownLatch(1);
    AtomicInteger xTries = new AtomicInteger();
    RunHandle run = deciderBesideX(true, false, xTries, xGo);
    xGo.countDown();
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    assertThat(result.task("x").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(xStates).endsWith(TaskState.RUNNING, TaskState.UP_FOR_RETRY, TaskState.SKIPPED);
    assertThat(time.pending()).as("its retry timer, cancelled").isZero();
    time.advance(Duration.ofMinutes(5)); // nothing left to fire: nothing runs
    assertThat(xTries).hasValue(1);
    assertThat(run.snapshot().task("x").state()).isEqualTo(TaskState.SKIPPED);
  }

  @Test
  void aTaskWaitingToRetryIsSkippedOnceItsRuleSaysSo() throws Exception {
    // v succeeds: every upstream done and none failed, so one_failed skips x
    // (flag_upstream_failed),
    // within its retry delay, and it never runs again.
    AtomicInteger xTries = new AtomicInteger();
    CountDownLatch vGo = new CountDownLatch(1);
    RunHandle run = upstreamTurnedSkipped(xTries, vGo, false);
    vGo.countDown();
    RunResult result = run.result().get(20, TimeUnit.SECONDS);
    assertThat(result.task("x").state()).isEqualTo(TaskState.SKIPPED);
    assertThat(xTries).hasValue(1);
    assertThat(xStates).endsWith(TaskState.RUNNING, TaskState.UP_FOR_RETRY, TaskState.SKIPPED);
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
  }
}
