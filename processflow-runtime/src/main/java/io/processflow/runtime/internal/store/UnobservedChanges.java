package io.processflow.runtime.internal.store;

import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import java.util.function.UnaryOperator;

/**
 * A store that can apply a state change without the action object, when nothing but its own reducer
 * would see that action: no middleware wraps the store (middleware is another store, which does not
 * implement this), and the caller's reducer sees actions alone. Listeners are notified as for a
 * dispatch: they never see actions, only states.
 *
 * <p>The run engine records every transition this way when it can (see
 * io.processflow.runtime.execution.Transitions): a 40-byte action per transition, three per task,
 * that only the engine's own reducer read was a third of a run's allocation, and the JIT kept it
 * off the heap in some JVMs and not in others (RuntimeBench, end to end).
 */
public interface UnobservedChanges<S> {
  /**
   * Applies {@code change} to the state {@code count} times in a row, exactly as {@code count}
   * dispatches would reduce actions that only {@code reducer} sees: each change is applied as its
   * own dispatch would be and followed by the listeners, never from a reducer; all under one hold
   * of the store's lock. Returns false, changing nothing, when {@code reducer} is no longer the
   * store's reducer (see {@link io.processflow.api.store.Store#replaceReducer}): the caller then
   * dispatches the actions.
   */
  boolean applyUnobserved(Reducer<S> reducer, UnaryOperator<S> change, int count);

  /** {@code store} as one that can apply changes without actions, or null when it cannot. */
  @SuppressWarnings("unchecked") // the store's own state type: it implements this for its S
  static <S> UnobservedChanges<S> of(Store<S> store) {
    return store instanceof UnobservedChanges<?> changes ? (UnobservedChanges<S>) changes : null;
  }
}
