package io.processflow.api.store;

/**
 * Called after every dispatch, in dispatch order, with the store's state already updated (read it
 * with {@link Store#getState()}): Redux's listener.
 */
@FunctionalInterface
public interface Listener {
  void onDispatch();
}
