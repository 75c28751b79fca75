package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.RunState;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import io.processflow.runtime.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A reader calling getState() at a random moment, while the one writer dispatches through the store
 * and changes the state in place (no one has it yet), gets a version that holds exactly what was
 * dispatched before and never changes afterwards (see RunStateImpl#shared). Many short rounds, so
 * that the first read lands at a different step each time.
 */
class RunStateSharingStressTest {
  private static final int TASKS = RunStateStressTest.TASKS;
  private static final int ROUNDS = 1_500;
  private static final int STEPS = 3_000;

  /** Counts the steps dispatched: a version's app state says how many steps it holds. */
  private static final Reducer<Object> STEPS_SEEN =
      (app, action) -> action instanceof TaskStatusUpdate ? (Integer) app + 1 : app;

  @Test
  void versionsReadersTakeHoldWhatWasDispatchedAndNeverChange() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int j = 0; j < TASKS; j++) {
      ids.add("t" + j);
    }
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    Random random = new Random(42);
    long inPlace = 0;
    long versions = 0;
    for (int round = 0; round < ROUNDS && errors.isEmpty(); round++) {
      RunReducer run = new RunReducer(STEPS_SEEN);
      int[] same = {0};
      int[] changed = {0};
      Reducer<RunState> counting =
          (state, action) -> {
            RunState next = run.reduce(state, action);
            if (action instanceof TaskStatusUpdate) {
              (next == state ? same : changed)[0]++;
            }
            return next;
          };
      Store<RunState> store = Stores.create(counting, RunStateModelTest.initial(ids, 0).held());
      int delay = random.nextInt(20_000);
      CountDownLatch started = new CountDownLatch(1);
      List<RunState> kept = new ArrayList<>();
      List<Integer> keptSteps = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  started.countDown();
                  for (int w = 0; w < delay; w++) {
                    Thread.onSpinWait();
                  }
                  for (int k = 0; k < 8; k++) {
                    RunState state = store.getState();
                    check(state, errors);
                    kept.add(state);
                    keptSteps.add((Integer) state.appState());
                  }
                } catch (Throwable e) {
                  errors.add("the reader failed: " + e);
                }
              });
      reader.start();
      started.await();
      for (int s = 0; s < STEPS; s++) {
        store.dispatch(RunStateStressTest.step(s));
      }
      reader.join();
      for (int k = 0; k < kept.size(); k++) {
        // Taken while the writer went on: still holding exactly the steps it held then.
        RunState state = kept.get(k);
        if (!keptSteps.get(k).equals(state.appState())) {
          errors.add(
              "a version read at step " + keptSteps.get(k) + " is now at " + state.appState());
        }
        check(state, errors);
      }
      check(store.getState(), errors);
      inPlace += same[0];
      versions += changed[0];
    }
    assertThat(errors).isEmpty();
    // Both ways were taken many times: in place before the first read, new versions after it.
    assertThat(inPlace).isGreaterThan(ROUNDS);
    assertThat(versions).isGreaterThan(ROUNDS);
  }

  /** The version holds exactly the steps its app state counts. */
  private static void check(RunState state, ConcurrentLinkedQueue<String> errors) {
    int steps = (Integer) state.appState();
    for (int j = 0; j < TASKS; j++) {
      TaskInstance seen = state.task("t" + j);
      TaskInstance expected = RunStateStressTest.expected(j, steps);
      if (!seen.equals(expected)) {
        errors.add("after " + steps + " steps: " + seen + ", expected " + expected);
      }
    }
    if ((Integer) state.appState() != steps) {
      errors.add("the app state changed from " + steps + " to " + state.appState());
    }
  }
}
