package io.processflow.runtime.store;

import io.processflow.api.store.Action;
import io.processflow.api.store.Listener;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import io.processflow.api.store.Subscription;
import io.processflow.runtime.internal.store.SharedOnRead;
import io.processflow.runtime.internal.store.UnobservedChanges;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The store itself, without middleware: Redux's {@code createStore}, serialised across threads.
 *
 * <p>One monitor covers the reducer and the listeners, so reducers never overlap and every listener
 * sees states in dispatch order (a monitor rather than a ReentrantLock: its adaptive spinning wins
 * for these short sections under contention, see RuntimeBench). It is reentrant so a listener may
 * dispatch (as in Redux, the nested dispatch notifies everyone before the outer loop goes on); the
 * reducer-thread guard is what forbids dispatching from a reducer. Listeners live in a
 * copy-on-write array: the array read at the start of a dispatch is that dispatch's snapshot. The
 * run engine's own transitions may come without their action objects when nothing else could see
 * them ({@link UnobservedChanges}); they go through the same lock, guard and listeners.
 *
 * <p>A state that is {@link SharedOnRead} is told when the store alone holds it and when it is
 * given out (by {@link #getState}, or by {@link #subscribe}, to the listeners): reading one that no
 * one was given yet takes the lock, which then waits for a reducer (a burst of changes without
 * actions included), never for a listener, since every state kept after one was given out counts as
 * shared from the start.
 */
final class ReduxStore<S> implements Store<S>, UnobservedChanges<S> {
  private static final Listener[] NO_LISTENERS = {};

  private final Object lock = new Object();
  private volatile S state;
  private volatile Reducer<S> reducer;
  private volatile Listener[] listeners = NO_LISTENERS;

  /**
   * The thread running the reducer, or null: the re-entrancy guard, reset in finally. Written under
   * the lock, and read outside it only to ask "is it this thread?": a thread always sees its own
   * last write, and never its own thread in another thread's write, so it needs no volatile writes
   * (two full fences per dispatch, three dispatches per task: RuntimeBench).
   */
  private Thread reducingThread;

  ReduxStore(Reducer<S> reducer, S preloadedState) {
    this.reducer = Objects.requireNonNull(reducer, "reducer");
    this.state = preloadedState;
    dispatch(Action.of(ActionTypes.INIT));
  }

  @Override
  public S getState() {
    if (reducingThread == Thread.currentThread()) {
      throw new IllegalStateException(
          "You may not call store.getState() while the reducer is executing. The reducer has already "
              + "received the state as an argument. Pass it down from the top reducer instead of "
              + "reading it from the store.");
    }
    S current = state;
    if (current instanceof SharedOnRead held && !held.isShared()) {
      synchronized (lock) {
        current = state;
        if (current instanceof SharedOnRead fresh) {
          fresh.shared();
        }
      }
    }
    return current;
  }

  @Override
  public Action dispatch(Action action) {
    checkAction(action);
    synchronized (lock) {
      commit(action, null);
    }
    return action;
  }

  @Override
  public boolean applyUnobserved(Reducer<S> expected, UnaryOperator<S> change, int count) {
    synchronized (lock) {
      if (reducer != expected) {
        return false;
      }
      for (int k = 0; k < count; k++) {
        commit(null, change);
      }
    }
    return true;
  }

  /**
   * Under the lock: reduces {@code action}, or applies {@code change} in its place (see {@link
   * UnobservedChanges}), keeps the result and notifies the listeners. The errors are built out of
   * line, so that this stays small enough for the JIT to inline into its callers.
   */
  private void commit(Action action, UnaryOperator<S> change) {
    if (reducingThread != null) {
      throw fromReducer(action);
    }
    reducingThread = Thread.currentThread();
    S current = state;
    S next;
    try {
      next = action != null ? reducer.reduce(current, action) : change.apply(current);
    } finally {
      reducingThread = null;
    }
    if (next == null) {
      throw returnedNull(action);
    }
    // A SharedOnRead state returned as it came was changed in place: no one else has it, and
    // getState() shares it under the lock, so it needs no write here.
    if (!(next instanceof SharedOnRead held)) {
      state = next; // even the same object, changed by its reducer: the write publishes the change
    } else if (next != current) {
      held.heldByStore();
      state = next;
    }
    for (Listener listener : listeners) {
      listener.onDispatch();
    }
  }

  private static IllegalStateException fromReducer(Action action) {
    return new IllegalStateException(
        action == null
            ? "Reducers may not change the state (a transition was recorded from a reducer)."
            : "Reducers may not dispatch actions (dispatched '"
                + action.type()
                + "' from a reducer).");
  }

  private static IllegalStateException returnedNull(Action action) {
    return new IllegalStateException(
        action == null
            ? "A transition applied without its action returned a null state."
            : "The reducer returned null for action '"
                + action.type()
                + "'. To ignore an action, "
                + "you must explicitly return the previous state.");
  }

  static void checkAction(Action action) {
    if (action == null) {
      throw new IllegalArgumentException(
          "Actions must not be null. Dispatch an Action with a type, such as Action.of(\"my_type\").");
    }
    String type = action.type();
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException(
          "Actions may not have a "
              + (type == null ? "null" : "blank")
              + " \"type\" property. You "
              + "may have misspelled an action type constant. Action: "
              + action);
    }
  }

  @Override
  public Subscription subscribe(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    checkNotReducing("subscribe");
    synchronized (lock) {
      Listener[] current = listeners;
      Listener[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = listener;
      listeners = next;
      if (state instanceof SharedOnRead held) {
        held.shared(); // the listeners read it: no later state needs the lock to be read
      }
    }
    return new Subscription() {
      private boolean subscribed = true;

      @Override
      public void unsubscribe() {
        checkNotReducing("unsubscribe");
        synchronized (lock) {
          if (!subscribed) {
            return;
          }
          subscribed = false;
          removeListener(listener);
        }
      }
    };
  }

  private void removeListener(Listener listener) {
    Listener[] current = listeners;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == listener) {
        Listener[] next = new Listener[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        listeners = next;
        return;
      }
    }
  }

  private void checkNotReducing(String what) {
    if (reducingThread == Thread.currentThread()) {
      throw new IllegalStateException(
          "You may not call store."
              + what
              + "() while the reducer is executing. Subscribe or "
              + "unsubscribe from a component or a task, not from a reducer.");
    }
  }

  @Override
  public void replaceReducer(Reducer<S> nextReducer) {
    Objects.requireNonNull(nextReducer, "nextReducer");
    synchronized (lock) { // no dispatch may see the new reducer before its replace action
      this.reducer = nextReducer;
      dispatch(Action.of(ActionTypes.REPLACE));
    }
  }
}
