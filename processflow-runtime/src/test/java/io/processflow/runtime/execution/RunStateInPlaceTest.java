package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Action;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.store.Stores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A run state changes in place only while its store alone has it: a version anyone was given (by
 * getState, a listener, a replay) never changes, and neither does a state made outside a store.
 */
class RunStateInPlaceTest {
  private static final List<String> IDS = List.of("a", "b", "c");

  /** Step s: task s % 3 goes running in try s / 3 + 1, at second s. */
  private static TaskStatusUpdate step(int s) {
    return new TaskStatusUpdate(
        "r", IDS.get(s % 3), Instant.ofEpochSecond(s), TaskState.RUNNING, s / 3 + 1, null, null);
  }

  /** The three tasks after {@code steps} steps. */
  private static List<TaskInstance> after(int steps) {
    RunState state = RunStateModelTest.initial(IDS, null);
    for (int s = 0; s < steps; s++) {
      state = new RunReducer(null).reduce(state, step(s));
    }
    return List.copyOf(state.tasks());
  }

  private static Store<RunState> store(RunState preloaded) {
    return Stores.create(new RunReducer(null), preloaded);
  }

  @Test
  void aHeldStateThatNoOneReadChangesInPlaceAndIsGivenOutAsItIsThen() {
    RunStateImpl initial = RunStateModelTest.initial(IDS, null).held();
    Store<RunState> store = store(initial);
    for (int s = 0; s < 5; s++) {
      store.dispatch(step(s));
    }
    RunState read = store.getState();
    assertThat(read).isSameAs(initial);
    assertThat(read.tasks()).containsExactlyElementsOf(after(5));
  }

  @Test
  void aStateGivenOutNeverChangesAndEveryLaterChangeMakesANewVersion() {
    Store<RunState> store = store(RunStateModelTest.initial(IDS, null).held());
    store.dispatch(step(0));
    List<RunState> read = new ArrayList<>();
    for (int s = 1; s <= 6; s++) {
      read.add(store.getState());
      store.dispatch(step(s));
    }
    read.add(store.getState());
    for (int k = 0; k < read.size(); k++) {
      assertThat(read.get(k).tasks()).as("version %d", k).containsExactlyElementsOf(after(k + 1));
    }
    assertThat(read).doesNotHaveDuplicates();
  }

  @Test
  void listenersGetAVersionPerChangeThatStaysAsTheyReadIt() {
    Store<RunState> store = store(RunStateModelTest.initial(IDS, null).held());
    List<RunState> seen = new ArrayList<>();
    List<List<TaskInstance>> asSeen = new ArrayList<>();
    store.subscribe(
        () -> {
          seen.add(store.getState());
          asSeen.add(List.copyOf(store.getState().tasks()));
        });
    for (int s = 0; s < 6; s++) {
      store.dispatch(step(s));
    }
    assertThat(seen).hasSize(6).doesNotHaveDuplicates();
    for (int k = 0; k < seen.size(); k++) {
      assertThat(seen.get(k).tasks()).containsExactlyElementsOf(asSeen.get(k));
      assertThat(asSeen.get(k)).containsExactlyElementsOf(after(k + 1));
    }
  }

  @Test
  void aStateMadeOutsideAStoreNeverChanges() {
    RunStateImpl made = RunStateModelTest.initial(IDS, null);
    Reducer<RunState> reducer = new RunReducer(null);
    RunState next = reducer.reduce(made, step(0));
    assertThat(next).isNotSameAs(made);
    assertThat(made.tasks()).containsExactlyElementsOf(after(0));

    // Preloaded into a store without being handed over: no later change reaches it.
    RunStateImpl preloaded = RunStateModelTest.initial(IDS, null);
    Store<RunState> store = store(preloaded);
    for (int s = 0; s < 4; s++) {
      store.dispatch(step(s));
      assertThat(preloaded.tasks()).containsExactlyElementsOf(after(0));
    }
    assertThat(store.getState().tasks()).containsExactlyElementsOf(after(4));
  }

  @Test
  void anActionTheDagsReducerRejectsLeavesTheStateAsItWas() {
    Reducer<Object> rejectsB =
        (app, action) -> {
          if (action instanceof TaskStatusUpdate update && update.taskId().equals("b")) {
            throw new IllegalStateException("no b");
          }
          return app;
        };
    Store<RunState> store =
        Stores.create(new RunReducer(rejectsB), RunStateModelTest.initial(IDS, "app").held());
    store.dispatch(step(0));
    assertThatThrownBy(() -> store.dispatch(step(1))).hasMessage("no b");
    assertThat(store.getState().tasks()).containsExactlyElementsOf(after(1));
  }

  /**
   * subscribe() shares the store's state, so every later state counts as shared when the store
   * keeps it, and reading it takes no lock: not even while a listener holds the store's.
   */
  @Test
  void aReaderOnAnotherThreadNeverWaitsForAListener() throws Exception {
    Thread reader = Thread.currentThread();
    CountDownLatch reducing = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    Reducer<Object> waitsForTheRead =
        (app, action) -> {
          if (action instanceof TaskStatusUpdate update && update.tryNumber() == 1) {
            reducing.countDown();
            // Until the reader has read, or waits for the store's lock (up to half a second).
            for (int w = 0; w < 500 && read.getCount() > 0; w++) {
              if (reader.getState() == Thread.State.BLOCKED) {
                break;
              }
              LockSupport.parkNanos(1_000_000);
            }
          }
          return app;
        };
    Store<RunState> store =
        Stores.create(
            new RunReducer(waitsForTheRead), RunStateModelTest.initial(IDS, "app").held());
    boolean[] readWhileListening = {false};
    store.subscribe(
        () -> {
          try {
            readWhileListening[0] = read.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Thread writer = new Thread(() -> store.dispatch(step(0)));
    writer.start();
    // The writer holds the store's lock from its reducer to the end of the listener, which waits
    // until this thread has read the state: a read that waited for the lock would never end.
    assertThat(reducing.await(10, TimeUnit.SECONDS)).isTrue();
    RunState seen = store.getState();
    read.countDown();
    writer.join();
    assertThat(readWhileListening[0]).isTrue();
    assertThat(seen.tasks()).isIn(after(0), after(1));
    assertThat(store.getState().tasks()).containsExactlyElementsOf(after(1));
  }

  @Test
  void changesWithoutActionsChangeInPlaceToo() {
    DagBuilder builder = DagBuilder.dag("d");
    builder.task("a", ctx -> null).then(builder.task("b", ctx -> null));
    DagDefinition dag = builder.build();
    RunReducer reducer = new RunReducer(null);
    RunStateImpl initial = RunStateImpl.initial(dag, "r", List.of()).held();
    Store<RunState> store = Stores.create(reducer, initial);
    Transitions record = new Transitions(store, reducer, "r", "d", dag.taskIds());
    record.at(Instant.ofEpochSecond(7));
    record.task(0, TaskState.RUNNING, 1, null, null);
    record.task(0, TaskState.SUCCESS, 1, null, "out");
    RunState first = store.getState();
    assertThat(first).isSameAs(initial);
    record.task(1, TaskState.RUNNING, 1, null, null);
    assertThat(store.getState()).isNotSameAs(first);
    assertThat(first.task("b").state()).isEqualTo(TaskState.NONE);
    assertThat(first.task("a").output()).isEqualTo("out");
    assertThat(store.getState().task("b").state()).isEqualTo(TaskState.RUNNING);
  }

  @Test
  void aReplayIsGivenOutShared() {
    DagBuilder builder = DagBuilder.dag("d");
    builder.task("a", ctx -> null);
    DagDefinition dag = builder.build();
    List<Action> actions =
        List.of(
            new TaskStatusUpdate(
                "r", "a", Instant.ofEpochSecond(1), TaskState.RUNNING, 1, null, null));
    RunState replayed = new ResumePlan(actions, List.of(), Set.of()).replay(dag, "r");
    assertThat(((RunStateImpl) replayed).isShared()).isTrue();
    assertThat(replayed.task("a").state()).isEqualTo(TaskState.RUNNING);
    Store<RunState> store = store(replayed);
    store.dispatch(
        new TaskStatusUpdate("r", "a", Instant.ofEpochSecond(2), TaskState.SUCCESS, 1, null, 1));
    assertThat(replayed.task("a").state()).isEqualTo(TaskState.RUNNING);
    assertThat(store.getState().task("a").state()).isEqualTo(TaskState.SUCCESS);
  }
}
