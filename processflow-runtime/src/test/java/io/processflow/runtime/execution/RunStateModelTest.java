package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.DagRunState;
import io.processflow.api.TaskError;
import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The run's state against a model of what it stood for before it kept columns: a plain list of
 * {@link TaskInstance}s per version, each transition applied by the rules the per-task slots had
 * (the last update, with the start of its try when the running of the same try came right before
 * the try's end).
 */
class RunStateModelTest {
  /** A version of the model: the task instances and the run's header, as RunState shows them. */
  record Model(
      List<TaskInstance> tasks,
      DagRunState state,
      Instant startDate,
      Instant endDate,
      Object appState) {}

  static TaskInstance next(TaskInstance before, TaskStatusUpdate u) {
    TaskState state = u.state();
    boolean endsTry =
        EnumSet.of(TaskState.SUCCESS, TaskState.FAILED, TaskState.UP_FOR_RETRY).contains(state);
    boolean ranThisTry = before.state() == TaskState.RUNNING && before.tryNumber() == u.tryNumber();
    Instant start =
        state == TaskState.RUNNING
            ? u.timestamp()
            : endsTry && ranThisTry ? before.startDate() : null;
    Instant end = endsTry || state.isTerminal() ? u.timestamp() : null;
    return new TaskInstance(u.taskId(), state, u.tryNumber(), start, end, u.error(), u.output());
  }

  static RunStateImpl initial(List<String> ids, Object appState) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    return RunStateImpl.initial("d", "r", ids, index, appState);
  }

  static void assertAgrees(RunStateImpl state, Model model) {
    assertThat(state.tasks()).containsExactlyElementsOf(model.tasks());
    for (int i = 0; i < model.tasks().size(); i++) {
      TaskInstance expected = model.tasks().get(i);
      assertThat(state.task(expected.taskId())).isEqualTo(expected);
      assertThat(state.output(i)).isSameAs(expected.output());
    }
    assertThat(state.state()).isEqualTo(model.state());
    assertThat(state.startDate()).isEqualTo(model.startDate());
    assertThat(state.endDate()).isEqualTo(model.endDate());
    assertThat(state.appState()).isSameAs(model.appState());
    assertThat(state.dagId()).isEqualTo("d");
    assertThat(state.runId()).isEqualTo("r");
  }

  private static Instant randomInstant(Random random) {
    // Mostly near now, sometimes near the ends of the range, before the epoch included.
    return switch (random.nextInt(4)) {
      case 0 ->
          Instant.ofEpochSecond(-9_223_372_036L + random.nextInt(10), random.nextInt(1 << 30));
      case 1 -> Instant.parse("2262-04-11T23:47:16Z").minusNanos(random.nextInt(1_000_000_000));
      default ->
          Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1000), random.nextInt(1 << 29));
    };
  }

  @Test
  void everyVersionAgreesWithTheModelOfThePerTaskSlots() {
    Random random = new Random(42);
    for (int round = 0; round < 60; round++) {
      int n = 1 + random.nextInt(6);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add("t" + i);
      }
      Object app0 = "app";
      List<RunStateImpl> versions = new ArrayList<>();
      List<Model> models = new ArrayList<>();
      versions.add(initial(ids, app0));
      models.add(
          new Model(
              ids.stream().map(TaskInstance::initial).toList(),
              DagRunState.QUEUED,
              null,
              null,
              app0));
      for (int step = 0; step < 300; step++) {
        // Mostly move the newest version on; sometimes set an old one (a branch, which copies).
        int from = random.nextInt(8) == 0 ? random.nextInt(versions.size()) : versions.size() - 1;
        RunStateImpl state = versions.get(from);
        Model model = models.get(from);
        int kind = random.nextInt(10);
        if (kind < 8) {
          int i = random.nextInt(n);
          TaskState taskState = TaskState.values()[random.nextInt(TaskState.values().length)];
          TaskStatusUpdate update =
              new TaskStatusUpdate(
                  "r",
                  ids.get(i),
                  randomInstant(random),
                  taskState,
                  random.nextInt(3),
                  random.nextInt(3) == 0 ? new TaskError("E", "e" + step, null) : null,
                  random.nextInt(3) == 0 ? Integer.valueOf(step) : null);
          List<TaskInstance> tasks = new ArrayList<>(model.tasks());
          tasks.set(i, next(tasks.get(i), update));
          RunStateImpl nextState = state.withUpdate(i, update);
          assertThat(nextState).isNotSameAs(state);
          versions.add(nextState);
          models.add(
              new Model(
                  tasks, model.state(), model.startDate(), model.endDate(), model.appState()));
        } else if (kind == 8) {
          DagRunState runState = DagRunState.values()[random.nextInt(DagRunState.values().length)];
          Instant at = randomInstant(random);
          versions.add(state.withRunState(runState, at));
          models.add(
              new Model(
                  model.tasks(),
                  runState,
                  runState == DagRunState.RUNNING ? at : model.startDate(),
                  runState.isTerminal() ? at : model.endDate(),
                  model.appState()));
        } else {
          Object app = random.nextBoolean() ? model.appState() : "app" + step;
          RunStateImpl nextState = state.withAppState(app);
          assertThat(nextState == state).isEqualTo(app == model.appState());
          versions.add(nextState);
          models.add(
              new Model(model.tasks(), model.state(), model.startDate(), model.endDate(), app));
        }
        assertAgrees(versions.get(versions.size() - 1), models.get(models.size() - 1));
      }
      for (int k = 0; k < versions.size(); k++) {
        assertAgrees(versions.get(k), models.get(k));
      }
    }
  }

  @Test
  void aStartDateIsKeptOnlyWhenTheRunningOfTheSameTryCameRightBeforeTheEnd() {
    RunStateImpl s = initial(List.of("a"), null);
    Instant t1 = Instant.parse("2026-01-01T00:00:01.123456789Z");
    Instant t2 = Instant.parse("2026-01-01T00:00:02Z");
    Instant t3 = Instant.parse("2026-01-01T00:00:03Z");
    s = s.withUpdate(0, update(t1, TaskState.RUNNING, 1, null));
    RunStateImpl retry = s.withUpdate(0, update(t2, TaskState.UP_FOR_RETRY, 1, null));
    assertThat(retry.task(0))
        .isEqualTo(new TaskInstance("a", TaskState.UP_FOR_RETRY, 1, t1, t2, null, null));
    // The next try's end without its running: no start date.
    RunStateImpl noStart = retry.withUpdate(0, update(t3, TaskState.SUCCESS, 2, "x"));
    assertThat(noStart.task(0))
        .isEqualTo(new TaskInstance("a", TaskState.SUCCESS, 2, null, t3, null, "x"));
    // A running of another try: no start date either.
    RunStateImpl otherTry =
        s.withUpdate(0, update(t2, TaskState.RUNNING, 2, null))
            .withUpdate(0, update(t3, TaskState.FAILED, 3, null));
    assertThat(otherTry.task(0).startDate()).isNull();
    assertThat(otherTry.task(0).endDate()).isEqualTo(t3);
    // The old versions are untouched.
    assertThat(s.task(0))
        .isEqualTo(new TaskInstance("a", TaskState.RUNNING, 1, t1, null, null, null));
  }

  @Test
  void datesAtTheEndsOfTheRangeReadBackEqualAndDatesBeyondAreAClearError() {
    Instant min = Instant.ofEpochSecond(-9_223_372_036L);
    Instant max = Instant.ofEpochSecond(9_223_372_036L, 854_775_807);
    RunStateImpl s = initial(List.of("a", "b"), null);
    s = s.withUpdate(0, update(min, TaskState.RUNNING, 1, null));
    s = s.withUpdate(0, update(max, TaskState.SUCCESS, 1, null));
    assertThat(s.task(0).startDate()).isEqualTo(min);
    assertThat(s.task(0).endDate()).isEqualTo(max);
    // A state that records no date accepts any timestamp, as before.
    RunStateImpl queued =
        s.withUpdate(
            1, new TaskStatusUpdate("r", "b", Instant.MAX, TaskState.QUEUED, 1, null, null));
    assertThat(queued.task(1).state()).isEqualTo(TaskState.QUEUED);
    for (Instant beyond : List.of(max.plusNanos(1), min.minusNanos(1), Instant.MIN)) {
      RunStateImpl before = queued;
      TaskStatusUpdate running =
          new TaskStatusUpdate("r", "b", beyond, TaskState.RUNNING, 1, null, null);
      assertThatThrownBy(() -> before.withUpdate(1, running))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Task 'b' of run 'r' changed to running at " + beyond)
          .hasMessageContaining("1677-09-21T00:12:44Z to 2262-04-11T23:47:16.854775807Z");
      assertThat(before.task(1).state()).isEqualTo(TaskState.QUEUED);
    }
  }

  @Test
  void anUnknownTaskIsAnErrorNamingItAndTheDagsTasks() {
    RunStateImpl s = initial(List.of("a"), null);
    assertThatThrownBy(() -> s.task("zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DAG 'd' has no task 'zz'; its tasks are [a]");
    assertThatThrownBy(() -> s.tasks().get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> s.task(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> s.withUpdate(1, update(Instant.EPOCH, TaskState.RUNNING, 1, null)))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  static TaskStatusUpdate update(Instant at, TaskState state, int tryNumber, Object output) {
    return new TaskStatusUpdate("r", "a", at, state, tryNumber, null, output);
  }
}
