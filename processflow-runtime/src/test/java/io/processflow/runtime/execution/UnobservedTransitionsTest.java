package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Listener;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import io.processflow.api.store.Subscription;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.dsl.TaskHandle;
import io.processflow.runtime.internal.store.UnobservedChanges;
import io.processflow.runtime.store.Stores;
import io.processflow.runtime.time.ManualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A run records a task's transition without its action when nothing but its own reducer would see
 * it (see Transitions): states and listener calls are those of the same run with actions.
 */
class UnobservedTransitionsTest {

  @Test
  void listenersSeeTheSameStatesInTheSameOrderWithOrWithoutActions() throws Exception {
    List<String> withoutActions = listenedRun(false);
    List<String> withActions = listenedRun(true);

    assertThat(withoutActions).isEqualTo(withActions);
    assertThat(withoutActions.get(withoutActions.size() - 1))
        .contains(
            "flaky:success/2=f",
            "left:success/1=f",
            "right:skipped/0",
            "broken:failed/1!IllegalArgumentException");
    assertThat(withoutActions).anyMatch(s -> s.contains("flaky:up_for_retry/1"));
    // The root's success leaves two tasks waiting for the one slot: a listener call for each.
    assertThat(withoutActions)
        .anyMatch(s -> s.contains("x1:scheduled/1 x2:none/0"))
        .anyMatch(s -> s.contains("x1:scheduled/1 x2:scheduled/1"));
  }

  /**
   * Runs a DAG with a retry, a branch and a failure on one thread and one slot (one order of
   * transitions), and returns what a listener subscribed by the first task saw at each call.
   */
  private static List<String> listenedRun(boolean passThroughMiddleware) throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger flakyTries = new AtomicInteger();
    DagBuilder dag = DagBuilder.dag("unobserved");
    TaskHandle root =
        dag.task(
            "root",
            ctx -> {
              Store<RunState> store = ctx.store();
              store.subscribe(() -> seen.add(snapshot(store.getState())));
              return "r";
            });
    TaskHandle flaky =
        dag.task(
                "flaky",
                ctx -> {
                  if (flakyTries.incrementAndGet() == 1) {
                    throw new IllegalStateException("first try fails");
                  }
                  return "f";
                })
            .retries(1)
            .retryDelay(Duration.ofMinutes(1));
    TaskHandle choose = dag.branch("choose", ctx -> "left");
    TaskHandle left = dag.task("left", ctx -> ctx.xcomPull("flaky"));
    TaskHandle right = dag.task("right", ctx -> "never");
    TaskHandle broken =
        dag.task(
                "broken",
                ctx -> {
                  throw new IllegalArgumentException("broken");
                })
            .allowToFail(true);
    root.then(flaky, dag.task("x1", ctx -> "x1"), dag.task("x2", ctx -> "x2"));
    flaky.then(choose);
    choose.then(left, right);
    left.then(broken);
    RunConfig.Builder config = RunConfig.builder().runId("r1");
    if (passThroughMiddleware) {
      config.middleware(api -> next -> next::dispatch);
    }
    ManualTimer time = new ManualTimer();
    try (DagRunner runner =
        DagRunner.builder().workerThreads(1).maxActiveTasks(1).timer(time).build()) {
      RunHandle run = runner.start(dag.build(), config.build());
      // The retry waits for the manual clock until everything else that can run has ended.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (time.pending() != 1
          || run.store().getState().task("x2").state() != TaskState.SUCCESS) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(1);
      }
      time.advance(Duration.ofMinutes(1));
      assertThat(run.result().get(20, TimeUnit.SECONDS).succeeded()).isTrue();
    }
    return new ArrayList<>(seen);
  }

  private static String snapshot(RunState state) {
    StringJoiner tasks = new StringJoiner(" ", state.state() + " ", "");
    for (TaskInstance t : state.tasks()) {
      String task = t.taskId() + ":" + t.state() + "/" + t.tryNumber();
      if (t.output() != null) {
        task += "=" + t.output();
      }
      if (t.error() != null) {
        task += "!" + t.error().type().replaceAll(".*\\.", "");
      }
      tasks.add(task);
    }
    return tasks.toString();
  }

  @Test
  void aReducerReplacedDuringTheRunGetsTheRunsLaterTransitionsAsActions() {
    List<String> replacementSaw = Collections.synchronizedList(new ArrayList<>());
    DagBuilder dag = DagBuilder.dag("replaced");
    TaskHandle first =
        dag.task(
            "first",
            ctx -> {
              ctx.store()
                  .replaceReducer(
                      (state, action) -> {
                        if (action instanceof TaskStatusUpdate update) {
                          replacementSaw.add(update.taskId() + ":" + update.state());
                        }
                        return state;
                      });
              return null;
            });
    first.then(dag.task("second", ctx -> null));
    try (DagRunner runner = DagRunner.builder().workerThreads(1).maxActiveTasks(1).build()) {
      runner.run(dag.build(), RunConfig.defaults());
    }
    assertThat(replacementSaw).containsExactly("first:success", "second:running", "second:success");
  }

  @Test
  void aTransitionSkipsItsActionOnlyWhereTheStoreCanAndTheRunsReducerSeesActionsAlone() {
    DagDefinition dag = twoTasks();
    Instant now = Instant.parse("2026-11-30T12:00:00Z");

    CountingStore plain = new CountingStore(dag, null);
    Transitions skipping = new Transitions(plain, plain.reducer, "r", "d", dag.taskIds());
    skipping.at(now);
    skipping.task(0, TaskState.SCHEDULED, 1, null, null);
    skipping.task(0, TaskState.RUNNING, 1, null, null);
    assertThat(plain.applied).isEqualTo(2);
    assertThat(plain.dispatched).isEmpty();
    assertThat(plain.getState().task("a").state()).isEqualTo(TaskState.RUNNING);
    assertThat(plain.getState().task("a").startDate()).isEqualTo(now);
    skipping.at(null); // a timer that gave no instant: refused as the action always refused it
    assertThatThrownBy(() -> skipping.task(1, TaskState.SCHEDULED, 1, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("timestamp");
    assertThat(plain.getState().task("b").state()).isEqualTo(TaskState.NONE);
    skipping.at(now);

    plain.refuse = true; // as after replaceReducer: dispatched from then on, never tried again
    skipping.task(0, TaskState.SUCCESS, 1, null, "out");
    skipping.task(1, TaskState.RUNNING, 1, null, null);
    assertThat(plain.applied).isEqualTo(3);
    assertThat(plain.dispatched).containsExactly("a:success", "b:running");

    Reducer<Object> appReducer = (state, action) -> state == null ? "app" : state;
    CountingStore withAppReducer = new CountingStore(dag, appReducer);
    Transitions dispatching =
        new Transitions(withAppReducer, withAppReducer.reducer, "r", "d", dag.taskIds());
    dispatching.at(now);
    dispatching.task(1, TaskState.SCHEDULED, 1, null, null);
    assertThat(withAppReducer.applied).isZero();
    assertThat(withAppReducer.dispatched).containsExactly("b:scheduled");
  }

  private static DagDefinition twoTasks() {
    DagBuilder dag = DagBuilder.dag("d");
    dag.task("a", ctx -> null);
    dag.task("b", ctx -> null);
    return dag.build();
  }

  /** A real store of a run's state that counts how its transitions reach it. */
  private static final class CountingStore implements Store<RunState>, UnobservedChanges<RunState> {
    final RunReducer reducer;
    private final Store<RunState> store;
    int applied;
    boolean refuse;
    final List<String> dispatched = new ArrayList<>();

    CountingStore(DagDefinition dag, Reducer<Object> appReducer) {
      reducer = new RunReducer(appReducer);
      store = Stores.create(reducer, RunStateImpl.initial(dag, "r", List.of()));
    }

    @Override
    public boolean applyUnobserved(
        Reducer<RunState> expected, UnaryOperator<RunState> change, int count) {
      applied++;
      return !refuse && UnobservedChanges.of(store).applyUnobserved(expected, change, count);
    }

    @Override
    public RunState getState() {
      return store.getState();
    }

    @Override
    public Action dispatch(Action action) {
      if (action instanceof TaskStatusUpdate update) {
        dispatched.add(update.taskId() + ":" + update.state());
      }
      return store.dispatch(action);
    }

    @Override
    public Subscription subscribe(Listener listener) {
      return store.subscribe(listener);
    }

    @Override
    public void replaceReducer(Reducer<RunState> nextReducer) {
      store.replaceReducer(nextReducer);
    }
  }
}
