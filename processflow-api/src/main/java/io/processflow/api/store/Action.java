package io.processflow.api.store;

import java.util.Map;

/**
 * Something that happened, described by a {@link #type()}: Redux's action. Reducers turn actions
 * into new states; nothing else changes a store's state.
 *
 * <p>Actions are immutable values. The runtime's own actions are records that serialise to JSON, so
 * that a journal of them is a complete record of a run.
 */
public interface Action {
  /** What happened, such as {@code operation_status_update}; never null or blank. */
  String type();

  /** An action with only a type. */
  static Action of(String type) {
    return new SimpleAction(type, Map.of());
  }

  /** An action with a type and a payload (copied; values must not be null). */
  static Action of(String type, Map<String, ?> payload) {
    return new SimpleAction(type, Map.copyOf(payload));
  }
}
