package io.processflow.api.store;

/** What a middleware sees of its store: Redux's {@code {getState, dispatch}}. */
public interface MiddlewareApi<S> {
  S getState();

  /** Dispatches through the whole middleware chain again, as Redux's middleware dispatch does. */
  Action dispatch(Action action);
}
