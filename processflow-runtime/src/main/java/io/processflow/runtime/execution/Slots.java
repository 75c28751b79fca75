package io.processflow.runtime.execution;

import static io.processflow.runtime.execution.TaskLinks.END;
import static io.processflow.runtime.execution.TaskPhase.HANDED_OUT;
import static io.processflow.runtime.execution.TaskPhase.READY;

import io.processflow.api.TaskState;
import java.util.function.IntSupplier;

/**
 * The run's {@code maxActiveTasks} slots and the ready tasks waiting for one. A task holds a slot
 * from when it is handed out until its try ends (or it is skipped or shelved before starting). Part
 * of the state machine: used under its lock, on its phase and try arrays.
 */
final class Slots {
  private final byte[] phase;
  private final int[] tries;

  /** How many slots tries may hold now: maxActiveTasks, or one (see BodyPace). */
  private final BodyPace pace;

  /** The pace's epoch when each task last took a slot (see BodyPace#older). */
  private final int[] takenIn;

  private final TaskLinks links;
  private final Transitions record;
  private final ReadyQueue ready;
  private int active;

  /** Where {@link #nextWaiting} reads the ready queue next, while take() records its tail. */
  private int announced;

  private final IntSupplier nextWaiting = this::nextWaiting;

  Slots(byte[] phase, int[] tries, BodyPace pace, TaskLinks links, Transitions record) {
    this.phase = phase;
    this.tries = tries;
    this.pace = pace;
    this.takenIn = new int[phase.length];
    pace.counts(this);
    this.links = links;
    this.record = record;
    this.ready = new ReadyQueue(phase.length);
  }

  /**
   * Task {@code i} may run: it waits in the ready queue for a slot. Its {@code scheduled}
   * transition is recorded only if it is still waiting when the section ends (see {@link #take}).
   */
  void ready(int i) {
    phase[i] = READY;
    ready.add(i);
  }

  /** The pace's epoch when task {@code i} last took a slot. */
  int takenIn(int i) {
    return takenIn[i];
  }

  /** How many slots are held. */
  int active() {
    return active;
  }

  /** A task gave its slot back. */
  void free() {
    active--;
  }

  /**
   * Ends a section's scheduling: moves ready tasks into free slots and returns them, for launching
   * outside the lock, as a {@link TaskLinks} list (its first task, or {@link TaskLinks#END}); with
   * {@code keepLast}, the caller (a worker whose task just ended) runs the last of them itself, and
   * that one never waits for a worker.
   *
   * <p>A task records the states it waits in: {@code scheduled} if it is still waiting for a slot
   * when the section ends, {@code queued} if it waits for a worker thread; a task that gets a slot
   * and the caller's thread at once goes straight to {@code running} when its try starts (under the
   * lock, right before its body, as for any task). Recording states a task passes through in the
   * same instant would be two more actions, versions and journal lines per task (RuntimeBench: 309
   * against 177 bytes per task on a chain; JournalBench).
   */
  int take(boolean keepLast) {
    int first = END;
    int last = END;
    int limit = pace.limit();
    int epoch = pace.epoch();
    while (active < limit && ready.size() > 0) {
      int i = ready.poll();
      if (phase[i] != READY) {
        continue; // skipped or stopped while it waited
      }
      phase[i] = HANDED_OUT;
      takenIn[i] = epoch;
      active++;
      last = links.append(last, i);
      if (first == END) {
        first = i;
      }
    }
    // The tasks this section made ready that still wait for a slot: the queue's unmarked tail.
    int waiting = 0;
    for (int k = ready.firstUnmarked(); k < ready.size(); k++) {
      if (phase[ready.get(k)] == READY) {
        waiting++;
      }
    }
    if (waiting > 0) {
      announced = ready.firstUnmarked();
      record.scheduled(waiting, nextWaiting, tries);
    }
    ready.mark();
    for (int i = first; i != END; i = links.next(i)) {
      if (!keepLast || i != last) {
        record.task(i, TaskState.QUEUED, tries[i] + 1, null, null);
      }
    }
    return first;
  }

  /** The next of the tasks {@link #take} records {@code scheduled}, from {@link #announced} on. */
  private int nextWaiting() {
    int i = ready.get(announced++);
    while (phase[i] != READY) {
      i = ready.get(announced++);
    }
    return i;
  }

  /** A stop: no task waits for a slot any more, and this section hands none out. */
  void clearReady() {
    ready.clear();
  }

  /** A section that hands nothing out (a stopping run): its ready tasks are not announced. */
  void handOutNothing() {
    ready.mark();
  }
}
