package io.processflow.runtime.internal.store;

/**
 * A state that may change in place while its store alone holds it, and never once anyone else was
 * given it: Redux's immutable states, without a new version for every change that no one but the
 * store could ever see.
 *
 * <p>The store calls both methods under its lock: {@link #heldByStore} on each new state a reducer
 * returns, and {@link #shared} before other code reads the state ({@code getState()}, and on {@code
 * subscribe}, since listeners read it). Once a state of a store was shared, each later state must
 * count as shared as soon as the store holds it, so that reading it never takes the lock. A reducer
 * given by {@code replaceReducer} gets the store's state as its argument, as in Redux; the run's
 * reducer changes a state in place only as the store's own reducer, since no one else can reach it
 * (it is package-private, and a store gives out no reducer). A state made outside a store stays as
 * its maker left it unless that maker hands it over with {@link #heldByStore} before anyone else
 * has it.
 *
 * <p>The run engine's state is one (see io.processflow.runtime.execution.RunStateImpl): a run that
 * no one watches makes no version object for its transitions at all, where it made one for each,
 * three per task (RuntimeBench, end to end).
 */
public interface SharedOnRead {
  /**
   * The store alone holds this state now, so its reducer may change it in place; a state that was
   * already {@link #shared} stays so.
   */
  void heldByStore();

  /** This state is being given out: from now on it never changes. */
  void shared();

  /**
   * Whether this state will never change again (it was shared, or counts as shared). May be read
   * without the store's lock: a stale false only costs taking the lock, and a true is never stale.
   */
  boolean isShared();
}
