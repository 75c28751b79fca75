package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskState;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.execution.AirflowModel.Outcome;
import io.processflow.runtime.execution.AirflowModel.Task;
import io.processflow.runtime.time.ManualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The task-launching seam, driven by launchers that are not the local pool: tries started in any
 * order, outcomes reported out of order from other threads, cancellation and timeouts flowing back
 * through the canceller, late reports fenced off by try number.
 */
class TaskLauncherTest {
  /** A launcher that only collects the tries it is handed; the test starts and ends them. */
  static final class Collecting implements TaskLauncher {
    final List<TaskTry> launched = new ArrayList<>();

    @Override
    public synchronized void launch(TaskTry attempt) {
      launched.add(attempt);
    }

    synchronized TaskTry take(int k) {
      return launched.remove(k);
    }

    synchronized int size() {
      return launched.size();
    }
  }

  /** A started try and what its body returned or threw, reported later. */
  record Started(TaskTry attempt, Object output, Throwable error) {
    void report() {
      if (error == null) {
        attempt.succeeded(output);
      } else {
        attempt.failed(error);
      }
    }
  }

  @Test
  void randomDagsEndAsAirflowCanEndWhenOutcomesArriveOutOfOrderFromOtherThreads() throws Exception {
    long seed = Long.getLong("processflow.seed", System.nanoTime());
    Random random = new Random(seed);
    ExecutorService reporters = Executors.newFixedThreadPool(3);
    try {
      for (int d = 0; d < 400; d++) {
        List<Task> tasks = RandomAirflowDags.random(random);
        Set<Outcome> airflow = new AirflowModel(tasks).reachable();
        int maxActive = 1 + random.nextInt(tasks.size());
        Outcome outcome = runOutOfOrder(tasks, random, maxActive, reporters);
        assertThat(airflow)
            .as("DAG #%d %s maxActiveTasks=%d (seed %d)", d, tasks, maxActive, seed)
            .contains(outcome);
      }
    } finally {
      reporters.shutdownNow();
    }
  }

  /**
   * Starts launched tries in a random order on this thread, and reports a random set of the started
   * ones at once from {@code reporters}' threads, so reports race with each other.
   */
  private static Outcome runOutOfOrder(
      List<Task> tasks, Random random, int maxActive, ExecutorService reporters) throws Exception {
    DagBuilder dag =
        RandomAirflowDags.dag("launched", tasks, i -> RandomAirflowDags.body(tasks.get(i)));
    Collecting launcher = new Collecting();
    List<Started> started = new ArrayList<>();
    CompletableFuture<RunResult> result;
    try (DagRunner runner = DagRunner.builder().launcher(launcher).build()) {
      result = runner.runAsync(dag.build(), RunConfig.builder().maxActiveTasks(maxActive).build());
      while (!result.isDone()) {
        int choices = launcher.size() + started.size();
        if (choices == 0) {
          throw new AssertionError("the run is stuck: nothing launched, nothing started");
        }
        int pick = random.nextInt(choices);
        if (pick < launcher.size()) {
          TaskTry attempt = launcher.take(pick);
          if (attempt.start(timedOut -> {})) {
            try {
              started.add(
                  new Started(attempt, attempt.task().operator().execute(attempt.context()), null));
            } catch (Exception e) {
              started.add(new Started(attempt, null, e));
            }
          }
        } else {
          List<CompletableFuture<Void>> reports = new ArrayList<>();
          for (int k = 1 + random.nextInt(started.size()); k > 0; k--) {
            Started one = started.remove(random.nextInt(started.size()));
            reports.add(CompletableFuture.runAsync(one::report, reporters));
          }
          CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new))
              .get(10, TimeUnit.SECONDS);
        }
      }
    }
    RunResult done = result.get(0, TimeUnit.SECONDS);
    List<TaskState> states = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      states.add(done.task("t" + i).state());
    }
    return new Outcome(List.copyOf(states), done.state());
  }

  @Test
  void aTimeoutCancelsTheTryAndItsLateOutcomeIsIgnored() throws Exception {
    ManualTimer timer = new ManualTimer();
    Collecting launcher = new Collecting();
    DagBuilder dag = DagBuilder.dag("timeouts");
    dag.task("slow", ctx -> "done")
        .executionTimeout(Duration.ofSeconds(5))
        .retries(1)
        .retryDelay(Duration.ofSeconds(1));
    List<Boolean> cancels = new ArrayList<>();
    try (DagRunner runner = DagRunner.builder().launcher(launcher).timer(timer).build()) {
      CompletableFuture<RunResult> result = runner.runAsync(dag.build(), RunConfig.defaults());
      TaskTry first = launcher.take(0);
      assertThat(first.tryNumber()).isEqualTo(1);
      assertThat(first.start(cancels::add)).isTrue();
      timer.advance(Duration.ofSeconds(5));
      assertThat(cancels).containsExactly(true);
      first.succeeded("too late"); // fenced: try 1 already failed at its timeout
      timer.advance(Duration.ofSeconds(1));
      TaskTry second = launcher.take(0);
      assertThat(second.tryNumber()).isEqualTo(2);
      assertThat(first.start(cancels::add)).as("an ended try cannot start again").isFalse();
      assertThat(second.start(cancels::add)).isTrue();
      second.succeeded("in time");
      RunResult done = result.get(10, TimeUnit.SECONDS);
      assertThat(done.state()).isEqualTo(DagRunState.SUCCESS);
      assertThat(done.task("slow").tryNumber()).isEqualTo(2);
      assertThat((Object) done.task("slow").output()).isEqualTo("in time");
      assertThat(cancels).containsExactly(true);
    }
  }

  @Test
  void cancellingTheRunCancelsStartedTriesAndUnstartedOnesNeverStart() throws Exception {
    Collecting launcher = new Collecting();
    DagBuilder dag = DagBuilder.dag("cancelled");
    dag.task("a", ctx -> "a");
    dag.task("b", ctx -> "b");
    List<Boolean> cancels = new ArrayList<>();
    try (DagRunner runner = DagRunner.builder().launcher(launcher).build()) {
      RunHandle handle = runner.start(dag.build(), RunConfig.builder().maxActiveTasks(2).build());
      TaskTry a = launcher.take(0);
      TaskTry b = launcher.take(0);
      assertThat(a.start(cancels::add)).isTrue();
      handle.cancel();
      RunResult done = handle.result().get(10, TimeUnit.SECONDS);
      assertThat(cancels).containsExactly(false);
      assertThat(b.start(cancels::add)).isFalse();
      a.succeeded("late");
      assertThat(done.state()).isEqualTo(DagRunState.FAILED);
      assertThat(done.task("a").state()).isEqualTo(TaskState.FAILED);
      handle.terminated().get(10, TimeUnit.SECONDS); // no local body: nothing to wait for
    }
  }

  @Test
  void aLauncherThatThrowsFailsTheTryWhichIsRetried() throws Exception {
    ManualTimer timer = new ManualTimer();
    List<TaskTry> accepted = new ArrayList<>();
    TaskLauncher rejectsFirst =
        attempt -> {
          if (attempt.tryNumber() == 1) {
            throw new RejectedExecutionException("queue full");
          }
          accepted.add(attempt);
        };
    DagBuilder dag = DagBuilder.dag("rejected");
    dag.task("t", ctx -> "ok").retries(1).retryDelay(Duration.ofSeconds(1));
    try (DagRunner runner = DagRunner.builder().launcher(rejectsFirst).timer(timer).build()) {
      CompletableFuture<RunResult> result = runner.runAsync(dag.build(), RunConfig.defaults());
      assertThat(result.getNow(null)).isNull();
      timer.advance(Duration.ofSeconds(1));
      TaskTry retry = accepted.get(0);
      assertThat(retry.tryNumber()).isEqualTo(2);
      assertThat(retry.start(timedOut -> {})).isTrue();
      retry.succeeded(retry.task().operator().execute(retry.context()));
      RunResult done = result.get(10, TimeUnit.SECONDS);
      assertThat(done.state()).isEqualTo(DagRunState.SUCCESS);
      assertThat(done.task("t").tryNumber()).isEqualTo(2);
    }
  }

  @Test
  void outcomesReportedOnOtherThreadsRunALargeDagToTheEnd() throws Exception {
    // A launcher whose bodies run on one pool and whose outcomes are reported from another.
    ExecutorService bodies = Executors.newFixedThreadPool(2);
    ExecutorService reporters = Executors.newFixedThreadPool(2);
    try {
      TaskLauncher remote =
          attempt ->
              bodies.execute(
                  () -> {
                    if (!attempt.start(timedOut -> {})) {
                      return;
                    }
                    try {
                      Object output = attempt.task().operator().execute(attempt.context());
                      reporters.execute(() -> attempt.succeeded(output));
                    } catch (Exception e) {
                      reporters.execute(() -> attempt.failed(e));
                    }
                  });
      DagBuilder dag = DagBuilder.dag("large");
      int n = 2_000;
      for (int i = 0; i < n; i++) {
        int self = i;
        dag.task("t" + i, ctx -> self == 0 ? 0 : ctx.<Integer>xcomPull("t" + (self - 1) / 2) + 1);
        if (i > 0) {
          dag.dependency("t" + (i - 1) / 2, "t" + i);
        }
      }
      try (DagRunner runner = DagRunner.builder().launcher(remote).build()) {
        RunResult done =
            runner
                .runAsync(dag.build(), RunConfig.builder().maxActiveTasks(16).build())
                .get(60, TimeUnit.SECONDS);
        assertThat(done.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat((Object) done.task("t" + (n - 1)).output())
            .isEqualTo(31 - Integer.numberOfLeadingZeros(n));
      }
    } finally {
      bodies.shutdownNow();
      reporters.shutdownNow();
    }
  }
}
