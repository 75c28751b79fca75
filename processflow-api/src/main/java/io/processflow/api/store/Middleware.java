package io.processflow.api.store;

import java.util.function.Function;

/**
 * Wraps a store's dispatch: Redux's {@code store => next => action => ...}. In Java:
 *
 * <pre>{@code
 * Middleware<S> logger = store -> next -> action -> {
 *   log.info("dispatching {}", action.type());
 *   Action result = next.dispatch(action);
 *   log.info("next state {}", store.getState());
 *   return result;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Middleware<S> {
  Function<Dispatcher, Dispatcher> apply(MiddlewareApi<S> store);
}
