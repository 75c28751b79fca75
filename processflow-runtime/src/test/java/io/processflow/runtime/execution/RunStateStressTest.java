package io.processflow.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.processflow.api.TaskInstance;
import io.processflow.api.TaskState;
import io.processflow.api.TaskStatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers on other threads see every version of the run's state exactly as it was made, the newest
 * and old ones, while the one writer moves on and rewrites the columns under them (the protocol in
 * {@link RunStateImpl}'s javadoc).
 */
class RunStateStressTest {
  static final int TASKS = 64;
  private static final int MIN_STEPS = 100_000;
  private static final int MAX_STEPS = 20_000_000;

  /** Reader passes over the newest version to wait for (each also rereads the changing task). */
  private static final int PASSES = 20_000;

  /** A version handed to readers with what it must hold: {@code steps} steps and app state. */
  record Published(RunStateImpl state, int steps, Object app) {}

  /**
   * Step s works on try m = s / 2 of task m % TASKS: an even step starts it running at second m, an
   * odd one ends it with success at second m + 0.5, output m. So a version's whole content follows
   * from its number of steps, and every instance is checkable on its own.
   */
  static TaskStatusUpdate step(int s) {
    int m = s / 2;
    String id = "t" + (m % TASKS);
    return s % 2 == 0
        ? new TaskStatusUpdate("r", id, Instant.ofEpochSecond(m), TaskState.RUNNING, m, null, null)
        : new TaskStatusUpdate(
            "r", id, Instant.ofEpochSecond(m, 500_000_000), TaskState.SUCCESS, m, null, m);
  }

  /** Task j after {@code steps} steps. */
  static TaskInstance expected(int j, int steps) {
    int lastM = (steps - 1) / 2; // the try of the last step made
    if (steps == 0 || lastM < j) {
      return TaskInstance.initial("t" + j);
    }
    int m = j + (lastM - j) / TASKS * TASKS;
    Instant start = Instant.ofEpochSecond(m);
    return 2 * m + 1 <= steps - 1
        ? new TaskInstance(
            "t" + j, TaskState.SUCCESS, m, start, start.plusMillis(500), null, Integer.valueOf(m))
        : new TaskInstance("t" + j, TaskState.RUNNING, m, start, null, null, null);
  }

  @Test
  void readersSeeEveryVersionUnchangedWhileTheWriterMovesOn() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int j = 0; j < TASKS; j++) {
      ids.add("t" + j);
    }
    RunStateImpl state = RunStateModelTest.initial(ids, "app");
    AtomicReference<Published> latest = new AtomicReference<>(new Published(state, 0, "app"));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger passes = new AtomicInteger();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 1; r++) {
      Random random = new Random(r);
      readers.add(new Thread(() -> read(latest, done, passes, errors, random)));
    }
    readers.forEach(Thread::start);
    Object app = "app";
    for (int s = 0; s < MIN_STEPS || passes.get() < PASSES && s < MAX_STEPS; s++) {
      state = state.withUpdate(s / 2 % TASKS, step(s));
      if (s % 1000 == 999) {
        app = "app" + s;
        state = state.withAppState(app);
      }
      latest.set(new Published(state, s + 1, app));
      // Slowed down a little, so that the readers read versions near the newest, not thousands
      // of diffs back, while the writer rewrites the columns under them.
      for (int w = 0; w < 20; w++) {
        Thread.onSpinWait();
      }
    }
    done.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(errors).isEmpty();
    assertThat(passes.get()).isGreaterThanOrEqualTo(PASSES);
    check(latest.get(), errors);
    assertThat(errors).isEmpty();
  }

  private static void read(
      AtomicReference<Published> latest,
      AtomicBoolean done,
      AtomicInteger passes,
      ConcurrentLinkedQueue<String> errors,
      Random random) {
    List<Published> kept = new ArrayList<>();
    while (!done.get() && errors.isEmpty()) {
      Published newest = latest.get();
      check(newest, errors);
      // The task the writer's next step rewrites, read while it does.
      int next = newest.steps() / 2 % TASKS;
      TaskInstance expected = expected(next, newest.steps());
      for (int k = 0; k < 50; k++) {
        TaskInstance seen = newest.state().task(next);
        if (!seen.equals(expected)) {
          errors.add("after " + newest.steps() + " steps: " + seen + ", expected " + expected);
        }
      }
      if (kept.isEmpty() || newest.steps() - kept.get(kept.size() - 1).steps() > 100) {
        kept.add(newest);
      }
      // Now and then an old version up to a thousand steps back (reading it walks the diffs since).
      kept.removeIf(old -> newest.steps() - old.steps() > 1_000);
      if (random.nextInt(16) == 0) {
        check(kept.get(random.nextInt(kept.size())), errors);
      }
      passes.incrementAndGet();
    }
  }

  private static void check(Published p, ConcurrentLinkedQueue<String> errors) {
    for (int j = 0; j < TASKS; j++) {
      TaskInstance seen = p.state().task(j);
      TaskInstance expected = expected(j, p.steps());
      if (!seen.equals(expected)) {
        errors.add("after " + p.steps() + " steps: " + seen + ", expected " + expected);
      }
      Object output = p.state().output(j);
      if (!Objects.equals(output, expected.output())) {
        errors.add("after " + p.steps() + " steps, output " + output + " of t" + j);
      }
    }
    if (p.state().appState() != p.app()) {
      errors.add("after " + p.steps() + " steps: app state " + p.state().appState());
    }
  }
}
