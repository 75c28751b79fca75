package io.processflow.api.store;

/**
 * Holds a state that only actions change: Redux's store, made safe for many threads.
 *
 * <p>Redux's rules hold: an action needs a type; a reducer may not dispatch, read the state,
 * subscribe or unsubscribe; listeners are snapshotted when a dispatch starts (one added or removed
 * during a dispatch takes effect from the next dispatch). Beyond Redux, dispatches from many
 * threads are serialised: reducers never run concurrently and every listener sees each state in
 * dispatch order.
 */
public interface Store<S> {
  /** The current state. Calling this from inside the reducer is an error. */
  S getState();

  /**
   * Runs the reducer with the current state and {@code action}, stores the result, then calls every
   * listener. Returns {@code action} (middleware may return something else).
   *
   * @throws IllegalArgumentException when the action or its type is null or blank
   * @throws IllegalStateException when called from inside the reducer
   */
  Action dispatch(Action action);

  /** Calls {@code listener} after every dispatch from the next one on. */
  Subscription subscribe(Listener listener);

  /** Replaces the reducer and dispatches Redux's replace action so it can initialise its state. */
  void replaceReducer(Reducer<S> nextReducer);
}
