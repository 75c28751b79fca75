package io.processflow.runtime.store;

import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.Listener;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import io.processflow.api.store.Subscription;

/** A store whose dispatch goes through a middleware chain: what Redux's applyMiddleware returns. */
final class MiddlewareStore<S> implements Store<S> {
  private final Store<S> store;
  private final Dispatcher dispatch;

  MiddlewareStore(Store<S> store, Dispatcher dispatch) {
    this.store = store;
    this.dispatch = dispatch;
  }

  @Override
  public S getState() {
    return store.getState();
  }

  @Override
  public Action dispatch(Action action) {
    ReduxStore.checkAction(action);
    return dispatch.dispatch(action);
  }

  @Override
  public Subscription subscribe(Listener listener) {
    return store.subscribe(listener);
  }

  @Override
  public void replaceReducer(Reducer<S> nextReducer) {
    store.replaceReducer(nextReducer);
  }
}
