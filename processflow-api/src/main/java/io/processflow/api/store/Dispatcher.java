package io.processflow.api.store;

/** A dispatch function: the {@code next} a middleware calls, and the store's own dispatch. */
@FunctionalInterface
public interface Dispatcher {
  /** Dispatches {@code action} and returns what the chain returns (the action, at the store). */
  Action dispatch(Action action);
}
