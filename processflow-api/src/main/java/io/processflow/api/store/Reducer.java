package io.processflow.api.store;

/**
 * Computes the next state from the current state and an action, without side effects: Redux's
 * reducer.
 *
 * <p>Java has no {@code undefined}: returning {@code null} is an error. A reducer that has nothing
 * to do for an action returns the state it was given (the same reference), which tells the store
 * and listeners that nothing changed. A reducer may not call the store it belongs to.
 */
@FunctionalInterface
public interface Reducer<S> {
  S reduce(S state, Action action);
}
