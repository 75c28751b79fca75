package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.DagRunState;
import io.processflow.api.RunState;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Middleware;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DagRunnerTest {
  private final DagRunner runner = DagRunner.builder().workerThreads(4).maxActiveTasks(4).build();

  @AfterEach
  void close() {
    runner.close();
  }

  @Test
  void tasksStartOnlyAfterTheirUpstreamEndedAndOutputsFlowDownstream() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    DagBuilder dag = DagBuilder.dag("diamond");
    TaskHandle extract = dag.task("extract", ctx -> step(events, "extract", List.of(1, 2, 3)));
    TaskHandle left =
        dag.task(
            "left", ctx -> step(events, "left", ctx.<List<Integer>>xcomPull("extract").size()));
    TaskHandle right = dag.task("right", ctx -> step(events, "right", 10));
    TaskHandle load =
        dag.task(
            "load",
            ctx ->
                step(
                    events,
                    "load",
                    ctx.<Integer>xcomPull("left") + ctx.<Integer>xcomPull("right")));
    extract.then(left, right).then(load);

    RunResult result = runner.run(dag.build());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.task("load").output()).isEqualTo(13);
    assertThat(events.indexOf("end extract")).isLessThan(events.indexOf("start left"));
    assertThat(events.indexOf("end extract")).isLessThan(events.indexOf("start right"));
    assertThat(events.indexOf("end left")).isLessThan(events.indexOf("start load"));
    assertThat(events.indexOf("end right")).isLessThan(events.indexOf("start load"));
    assertThat(events).hasSize(8);
  }

  private static Object step(List<String> events, String id, Object output) {
    events.add("start " + id);
    events.add("end " + id);
    return output;
  }

  @Test
  void independentTasksRunConcurrently() {
    CyclicBarrier together = new CyclicBarrier(3);
    DagBuilder dag = DagBuilder.dag("parallel");
    for (int i = 0; i < 3; i++) {
      dag.task("t" + i, ctx -> together.await(10, TimeUnit.SECONDS));
    }
    RunResult result = runner.run(dag.build());
    assertThat(result.tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.SUCCESS));
  }

  @Test
  void neverMoreThanMaxActiveTasksAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CyclicBarrier firstThree = new CyclicBarrier(3);
    DagBuilder dag = DagBuilder.dag("bounded");
    for (int i = 0; i < 40; i++) {
      int index = i;
      dag.task(
          "t" + i,
          ctx -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (index < 3) {
              firstThree.await(10, TimeUnit.SECONDS); // proves three do run at once
            } else {
              Thread.sleep(1);
            }
            running.decrementAndGet();
            return null;
          });
    }
    try (DagRunner wide = DagRunner.builder().workerThreads(8).build()) {
      RunResult result = wide.run(dag.build(), RunConfig.builder().maxActiveTasks(3).build());
      assertThat(result.succeeded()).isTrue();
    }
    assertThat(peak).hasValue(3);
  }

  @Test
  void asynchronousTasksHoldNoThreadWhileTheyWait() {
    int tasks = 1_000;
    long timerMillis = 50;
    AtomicInteger waiting = new AtomicInteger();
    AtomicInteger peakWaiting = new AtomicInteger();
    Set<Thread> bodyThreads = ConcurrentHashMap.newKeySet();
    DagBuilder dag = DagBuilder.dag("timers");
    for (int i = 0; i < tasks; i++) {
      dag.task(
          "t" + i,
          ctx -> {
            bodyThreads.add(Thread.currentThread());
            peakWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(
                    () -> waiting.decrementAndGet(),
                    CompletableFuture.delayedExecutor(timerMillis, TimeUnit.MILLISECONDS))
                .thenApply(ignored -> "done");
          });
    }
    long start = System.nanoTime();
    RunResult result;
    try (DagRunner twoThreads =
        DagRunner.builder().workerThreads(2).maxActiveTasks(tasks).build()) {
      result = twoThreads.run(dag.build());
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.succeeded()).isTrue();
    assertThat(result.tasks()).allSatisfy(t -> assertThat(t.output()).isEqualTo("done"));
    assertThat(bodyThreads).hasSizeLessThanOrEqualTo(2);
    // All 1,000 were waiting at the same time on 2 threads: none held a thread while it waited.
    assertThat(peakWaiting.get()).isGreaterThan(tasks / 2);
    // Far from the serial sum of 1,000 timer periods (50 s); a generous bound, not a tight one.
    assertThat(elapsedMillis).isLessThan(tasks * timerMillis / 5);
  }

  @Test
  void failureMakesDownstreamUpstreamFailedAndTheRunFailed() {
    DagBuilder dag = DagBuilder.dag("failing");
    TaskHandle a =
        dag.task(
            "a",
            ctx -> {
              throw new IllegalStateException("boom in a");
            });
    TaskHandle b = dag.task("b", ctx -> "b");
    TaskHandle c = dag.task("c", ctx -> "c");
    TaskHandle d = dag.task("d", ctx -> "d");
    TaskHandle independent = dag.task("independent", ctx -> "ok");
    a.then(b).then(c);
    a.then(d);

    RunResult result = runner.run(dag.build());

    assertThat(result.state()).isEqualTo(DagRunState.FAILED);
    assertThat(result.task("a").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("a").error().type()).isEqualTo("java.lang.IllegalStateException");
    assertThat(result.task("a").error().message()).isEqualTo("boom in a");
    assertThat(result.task("a").error().stackTrace())
        .contains("boom in a")
        .contains("DagRunnerTest");
    assertThat(result.task("b").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    assertThat(result.task("c").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    assertThat(result.task("d").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    assertThat(result.task("b").tryNumber()).isZero();
    assertThat(result.task(independent.taskId()).state()).isEqualTo(TaskState.SUCCESS);
  }

  @Test
  void allowToFailRecordsTheFailureButLetsDownstreamRun() {
    DagBuilder dag = DagBuilder.dag("tolerant");
    TaskHandle a =
        dag.task(
                "a",
                ctx -> {
                  throw new IllegalStateException("tolerated");
                })
            .allowToFail();
    TaskHandle b = dag.task("b", ctx -> "ran");
    a.then(b);

    RunResult result = runner.run(dag.build());

    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.task("a").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("a").error().message()).isEqualTo("tolerated");
    assertThat(result.task("b").state()).isEqualTo(TaskState.SUCCESS);
  }

  @Test
  void asynchronousFailureIsUnwrappedAndErrorsFailTheTaskToo() {
    DagBuilder dag = DagBuilder.dag("async_failure");
    dag.task(
        "async",
        ctx ->
            CompletableFuture.supplyAsync(
                () -> {
                  throw new IllegalArgumentException("late");
                }));
    dag.task(
        "error",
        ctx -> {
          throw new AssertionError("an Error");
        });
    RunResult result = runner.run(dag.build());
    assertThat(result.task("async").error().type()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(result.task("async").error().message()).isEqualTo("late");
    assertThat(result.task("error").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("error").error().type()).isEqualTo("java.lang.AssertionError");
  }

  @Test
  void everyTransitionIsAnActionInTheStoreAndTheResultIsItsFinalState() {
    List<Action> actions = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> record =
        store ->
            next ->
                action -> {
                  actions.add(action);
                  return next.dispatch(action);
                };
    AtomicReference<RunState> seenByTask = new AtomicReference<>();
    DagBuilder dag = DagBuilder.dag("recorded");
    TaskHandle a = dag.task("a", ctx -> "A");
    TaskHandle b =
        dag.task(
            "b",
            ctx -> {
              seenByTask.set(ctx.store().getState());
              return null;
            });
    a.then(b);

    RunResult result =
        runner.run(dag.build(), RunConfig.builder().runId("r1").middleware(record).build());

    // a is handed to the executor (queued); b starts on the thread that ran a, which kept it, so
    // it never waits as scheduled or queued.
    assertThat(transitions(actions, "a")).containsExactly("queued", "running", "success");
    assertThat(transitions(actions, "b")).containsExactly("running", "success");
    assertThat(actions.get(0).type()).isEqualTo("dag_run_status_update");
    assertThat(actions.get(actions.size() - 1).type()).isEqualTo("dag_run_status_update");
    assertThat(seenByTask.get().task("a").output()).isEqualTo("A");
    assertThat(seenByTask.get().task("b").state()).isEqualTo(TaskState.RUNNING);
    assertThat(result.finalState().task("a").state()).isEqualTo(TaskState.SUCCESS);
    assertThat(result.finalState().state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.runId()).isEqualTo("r1");
    TaskStatusUpdate success =
        actions.stream()
            .filter(
                x ->
                    x instanceof TaskStatusUpdate u
                        && u.taskId().equals("a")
                        && u.state() == TaskState.SUCCESS)
            .map(TaskStatusUpdate.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(success.runId()).isEqualTo("r1");
    assertThat(success.output()).isEqualTo("A");
    assertThat(success.tryNumber()).isEqualTo(1);
    assertThat(result.task("a").startDate()).isNotNull();
    assertThat(result.task("a").endDate()).isAfterOrEqualTo(result.task("a").startDate());
  }

  private static List<String> transitions(List<Action> actions, String taskId) {
    List<String> states = new ArrayList<>();
    synchronized (actions) {
      for (Action action : actions) {
        if (action instanceof TaskStatusUpdate u && u.taskId().equals(taskId)) {
          states.add(u.state().toString());
        }
      }
    }
    return states;
  }

  @Test
  void theDagsOwnReducerSeesEveryStatusUpdate() {
    DagBuilder dag = DagBuilder.dag("acked");
    dag.task("a", ctx -> null);
    dag.reducer(
        (Integer count, Action action) ->
            action.type().equals(TaskStatusUpdate.TYPE) ? count + 1 : count,
        0);
    RunResult result = runner.run(dag.build());
    assertThat(result.finalState().appState(Integer.class))
        .isEqualTo(3); // queued, running, success
  }

  @Test
  void aTaskRecordsTheStatesItWaitsIn() {
    // One slot: y waits for it as scheduled while x runs, then starts on x's thread. In the fan,
    // two slots free at once: c starts on a's thread, b waits for a worker as queued.
    List<Action> actions = Collections.synchronizedList(new ArrayList<>());
    Middleware<RunState> record =
        store ->
            next ->
                action -> {
                  actions.add(action);
                  return next.dispatch(action);
                };
    DagBuilder roots = DagBuilder.dag("one_slot");
    roots.task("x", ctx -> null);
    roots.task("y", ctx -> null);
    RunResult oneSlot =
        runner.run(roots.build(), RunConfig.builder().maxActiveTasks(1).middleware(record).build());
    assertThat(oneSlot.succeeded()).isTrue();
    assertThat(transitions(actions, "x")).containsExactly("queued", "running", "success");
    assertThat(transitions(actions, "y")).containsExactly("scheduled", "running", "success");

    actions.clear();
    DagBuilder fan = DagBuilder.dag("fan");
    TaskHandle a = fan.task("a", ctx -> null);
    a.then(fan.task("b", ctx -> null), fan.task("c", ctx -> null));
    RunResult fanned =
        runner.run(fan.build(), RunConfig.builder().maxActiveTasks(2).middleware(record).build());
    assertThat(fanned.succeeded()).isTrue();
    assertThat(transitions(actions, "b")).containsExactly("queued", "running", "success");
    assertThat(transitions(actions, "c")).containsExactly("running", "success");
    // Every task still records when it started and ended.
    assertThat(fanned.task("c").startDate()).isNotNull();
    assertThat(fanned.task("c").endDate()).isAfterOrEqualTo(fanned.task("c").startDate());
  }

  @Test
  void contextCarriesRunDetailsAndAJsonView() {
    AtomicReference<String> json = new AtomicReference<>();
    AtomicReference<Map<String, Object>> params = new AtomicReference<>();
    DagBuilder dag = DagBuilder.dag("ctx").param("x", "0").param("y", 2);
    dag.task(
        "t",
        ctx -> {
          json.set(ctx.toString());
          params.set(ctx.params());
          assertThatThrownBy(() -> ctx.xcomPull("missing"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("has no task 'missing'");
          return null;
        });
    RunResult result =
        runner.run(
            dag.build(),
            RunConfig.builder()
                .logicalDate(Instant.parse("2024-01-31T00:00:00Z"))
                .param("x", "1")
                .build());
    assertThat(result.succeeded()).isTrue();
    assertThat(result.runId()).isEqualTo("manual__2024-01-31T00:00:00+00:00");
    assertThat(json.get())
        .isEqualTo(
            "{\"run_id\":\"manual__2024-01-31T00:00:00+00:00\",\"dag_id\":\"ctx\",\"task_id\":\"t\","
                + "\"try_number\":1,\"logical_date\":\"2024-01-31T00:00:00+00:00\",\"params\":{\"x\":\"1\",\"y\":2}}");
    assertThat(params.get()).containsExactly(Map.entry("x", "1"), Map.entry("y", 2));
  }

  @Test
  void undeclaredParamIsRejectedBeforeAnyTaskRuns() {
    AtomicInteger ran = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("params").param("date", "2024-01-01");
    dag.task("t", ctx -> ran.incrementAndGet());
    assertThatThrownBy(() -> runner.run(dag.build(), RunConfig.builder().param("dat", "x").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DAG 'params' has no param dat (did you mean date?); its params are date");
    assertThat(ran).hasValue(0);
  }

  @Test
  void rejectedTasksFailAndTheRunStillEnds() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.shutdown();
    DagBuilder dag = DagBuilder.dag("rejected");
    dag.task("a", ctx -> null).then(dag.task("b", ctx -> null));
    try (DagRunner closed = DagRunner.builder().executor(executor).build()) {
      RunResult result = closed.run(dag.build());
      assertThat(result.state()).isEqualTo(DagRunState.FAILED);
      assertThat(result.task("a").error().type())
          .isEqualTo(RejectedExecutionException.class.getName());
      assertThat(result.task("b").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    }
  }

  @Test
  void emptyDagSucceeds() {
    RunResult result = runner.run(DagBuilder.dag("empty").build());
    assertThat(result.state()).isEqualTo(DagRunState.SUCCESS);
    assertThat(result.tasks()).isEmpty();
  }

  @Test
  void aReducerThatRejectsTransitionsAbortsTheRunWithAClearError() {
    DagBuilder dag = DagBuilder.dag("broken_reducer");
    dag.task("a", ctx -> null);
    dag.reducer(
        (String s, Action action) -> {
          if (action instanceof TaskStatusUpdate u && u.state() == TaskState.SUCCESS) {
            throw new IllegalStateException("reducer bug");
          }
          return s;
        },
        "x");
    assertThatThrownBy(() -> runner.run(dag.build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("aborted: the store rejected a transition")
        .hasMessageContaining("reducer bug");
  }

  @Test
  void longChainsRunAndFailWithoutDeepStacks() {
    int n = 100_000;
    DagBuilder dag = DagBuilder.dag("chain");
    TaskHandle previous =
        dag.task(
            "t0",
            ctx -> {
              throw new IllegalStateException("first fails");
            });
    for (int i = 1; i < n; i++) {
      previous = previous.then(dag.task("t" + i, ctx -> null));
    }
    RunResult failed = runner.run(dag.build());
    assertThat(failed.task("t" + (n - 1)).state()).isEqualTo(TaskState.UPSTREAM_FAILED);

    DagBuilder ok = DagBuilder.dag("chain_ok");
    TaskHandle last = ok.task("t0", ctx -> 0);
    for (int i = 1; i < n; i++) {
      String upstream = "t" + (i - 1);
      last = last.then(ok.task("t" + i, ctx -> ctx.<Integer>xcomPull(upstream) + 1));
    }
    RunResult succeeded = runner.run(ok.build());
    assertThat(succeeded.task("t" + (n - 1)).output()).isEqualTo(n - 1);
  }

  @Test
  void aRunnerRunsManyTimesAndConcurrently() throws Exception {
    DagBuilder dag = DagBuilder.dag("again");
    dag.task("a", ctx -> ctx.runId()).then(dag.task("b", ctx -> ctx.xcomPull("a")));
    DagDefinition definition = dag.build();
    List<CompletableFuture<RunResult>> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(runner.runAsync(definition, RunConfig.builder().runId("run" + i).build()));
    }
    for (int i = 0; i < 20; i++) {
      RunResult result = runs.get(i).get(30, TimeUnit.SECONDS);
      assertThat(result.task("b").output()).isEqualTo("run" + i);
    }
  }

  @Test
  void aStageThatCannotBecomeAFutureFailsItsTaskInsteadOfHangingTheRun() {
    java.util.concurrent.CompletionStage<?> opaque =
        (java.util.concurrent.CompletionStage<?>)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {java.util.concurrent.CompletionStage.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException("no " + method.getName() + " here");
                });
    DagBuilder dag = DagBuilder.dag("opaque_stage");
    dag.task("odd", ctx -> opaque).then(dag.task("next", ctx -> null));
    RunResult result = runner.run(dag.build());
    assertThat(result.task("odd").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("odd").error().message()).isEqualTo("no toCompletableFuture here");
    assertThat(result.task("next").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
  }
}
