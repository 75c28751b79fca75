package io.processflow.api;

import java.time.Instant;
import java.util.List;

/**
 * The state of one DAG run as its store holds it: every task instance, the run's own state, and the
 * DAG author's own state (the slice their reducer manages, the original's {@code ack}).
 *
 * <p>Immutable. A transition of one task makes a new {@code RunState} that shares everything else
 * with the previous one, so a state change costs O(1) and one small object, not a copy of n task
 * states; reading the newest state is O(1), reading an older one walks the changes made since.
 */
public interface RunState {
  String dagId();

  String runId();

  DagRunState state();

  /** When the run started running, or {@code null}. */
  Instant startDate();

  /** When the run ended, or {@code null}. */
  Instant endDate();

  /** The task instance of {@code taskId}. */
  TaskInstance task(String taskId);

  /**
   * Every task instance, in the order the DAG declares its tasks; a resumed run lists after them
   * the recorded tasks the DAG no longer has (state {@code removed}).
   */
  List<TaskInstance> tasks();

  /** The state managed by the DAG's own reducer, or {@code null} when the DAG has none. */
  Object appState();

  /** {@link #appState()}, cast to {@code type}. */
  default <T> T appState(Class<T> type) {
    return type.cast(appState());
  }
}
