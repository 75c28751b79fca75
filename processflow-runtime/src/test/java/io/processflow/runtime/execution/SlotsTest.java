package io.processflow.runtime.execution;

import static io.processflow.runtime.execution.TaskLinks.END;
import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.RunState;
import io.processflow.api.TaskStatusUpdate;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.Store;
import io.processflow.runtime.dsl.DagBuilder;
import io.processflow.runtime.dsl.DagDefinition;
import io.processflow.runtime.store.Stores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotsTest {
  private final List<String> recorded = new ArrayList<>();
  private final byte[] phase = new byte[5];
  private final int[] tries = new int[5];
  private final TaskLinks links = new TaskLinks(5);
  private final Slots slots;

  SlotsTest() {
    DagBuilder builder = DagBuilder.dag("slots");
    for (int i = 0; i < 5; i++) {
      builder.task("t" + i, ctx -> null);
    }
    DagDefinition dag = builder.build();
    RunReducer reducer = new RunReducer(dag.appReducer());
    Middleware<RunState> log =
        store ->
            next ->
                action -> {
                  if (action instanceof TaskStatusUpdate u) {
                    recorded.add(u.taskId() + " " + u.state() + " " + u.tryNumber());
                  }
                  return next.dispatch(action);
                };
    Store<RunState> store =
        Stores.create(reducer, RunStateImpl.initial(dag, "r", List.of()), List.of(log));
    Transitions record = new Transitions(store, reducer, "r", "slots", dag.taskIds());
    record.at(Instant.EPOCH);
    slots =
        new Slots(
            phase,
            tries,
            new BodyPace(2, new BodyPace.Settings(Integer.MAX_VALUE, 0, 0, 0)),
            links,
            record);
  }

  private List<Integer> walk(int first) {
    return TaskLinksTest.walk(links, first);
  }

  @Test
  void handsOutUpToMaxActiveAndRecordsOnlyWhatWaits() {
    for (int i = 0; i < 4; i++) {
      slots.ready(i);
    }
    assertThat(walk(slots.take(false))).containsExactly(0, 1);
    assertThat(slots.active()).isEqualTo(2);
    assertThat(phase[0]).isEqualTo(TaskPhase.HANDED_OUT);
    assertThat(phase[2]).isEqualTo(TaskPhase.READY);
    assertThat(recorded)
        .containsExactly("t2 scheduled 1", "t3 scheduled 1", "t0 queued 1", "t1 queued 1");
  }

  @Test
  void theLastTaskKeptForTheCallerIsNotRecordedQueuedAndWaitingOnesAreAnnouncedOnce() {
    tries[2] = 1; // t2's retry
    slots.ready(0);
    slots.ready(1);
    slots.ready(2);
    assertThat(walk(slots.take(true))).containsExactly(0, 1);
    assertThat(recorded).containsExactly("t2 scheduled 2", "t0 queued 1");
    recorded.clear();
    slots.free();
    slots.ready(3);
    assertThat(walk(slots.take(true))).containsExactly(2);
    assertThat(recorded)
        .as("t2 was announced by the section before; t3 waits")
        .containsExactly("t3 scheduled 1");
  }

  @Test
  void aTaskThatLeftItsReadyPhaseWhileWaitingIsPassedOver() {
    slots.ready(0);
    slots.ready(1);
    phase[0] = TaskPhase.ENDED_SKIPPED; // skipped by a branch while it waited
    assertThat(walk(slots.take(false))).containsExactly(1);
    assertThat(slots.active()).isEqualTo(1);
  }

  @Test
  void aStopClearsTheReadyTasks() {
    slots.ready(0);
    slots.clearReady();
    assertThat(slots.take(false)).isEqualTo(END);
    assertThat(recorded).isEmpty();
  }
}
