package io.processflow.runtime.store;

import io.processflow.api.store.Action;
import io.processflow.api.store.Dispatcher;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.MiddlewareApi;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Redux in Java: {@code createStore}, {@code applyMiddleware}, {@code compose} and {@code
 * combineReducers}.
 *
 * <pre>{@code
 * Store<Integer> counter = Stores.create(
 *     (state, action) -> action.type().equals("increment") ? state + 1 : state, 0);
 * Subscription s = counter.subscribe(() -> System.out.println(counter.getState()));
 * counter.dispatch(Action.of("increment"));   // prints 1
 * s.unsubscribe();
 * }</pre>
 */
public final class Stores {
  private Stores() {}

  /**
   * Creates a store, dispatches the init action, and wraps its dispatch in {@code middleware} (the
   * first middleware is the outermost, as in Redux's {@code applyMiddleware(a, b, c)}).
   */
  @SafeVarargs
  public static <S> Store<S> create(
      Reducer<S> reducer, S initialState, Middleware<S>... middleware) {
    return create(reducer, initialState, List.of(middleware));
  }

  /** {@link #create(Reducer, Object, Middleware[])} with a list of middleware. */
  public static <S> Store<S> create(
      Reducer<S> reducer, S initialState, List<? extends Middleware<S>> middleware) {
    Store<S> store = new ReduxStore<>(reducer, initialState);
    return middleware.isEmpty() ? store : applyMiddleware(store, middleware);
  }

  private static <S> Store<S> applyMiddleware(
      Store<S> store, List<? extends Middleware<S>> middleware) {
    Dispatcher[] dispatch = {
      action -> {
        throw new IllegalStateException(
            "Dispatching while constructing your middleware is not allowed. Other middleware would "
                + "not be applied to this dispatch (action '"
                + action.type()
                + "').");
      }
    };
    MiddlewareApi<S> api =
        new MiddlewareApi<>() {
          @Override
          public S getState() {
            return store.getState();
          }

          @Override
          public Action dispatch(Action action) {
            return dispatch[0].dispatch(action);
          }
        };
    List<Function<Dispatcher, Dispatcher>> chain = new ArrayList<>(middleware.size());
    for (Middleware<S> m : middleware) {
      chain.add(m.apply(api));
    }
    Dispatcher enhanced = compose(chain).apply(store::dispatch);
    dispatch[0] = enhanced;
    return new MiddlewareStore<>(store, enhanced);
  }

  /** {@code compose(f, g, h)} is {@code x -> f(g(h(x)))}; with no function, the identity. */
  @SafeVarargs
  public static <T> Function<T, T> compose(Function<T, T>... functions) {
    return compose(List.of(functions));
  }

  /** {@link #compose(Function[])} with a list. */
  public static <T> Function<T, T> compose(List<? extends Function<T, T>> functions) {
    Function<T, T> composed = Function.identity();
    for (int i = functions.size() - 1; i >= 0; i--) {
      Function<T, T> outer = functions.get(i);
      Function<T, T> inner = composed;
      composed = x -> outer.apply(inner.apply(x));
    }
    return composed;
  }

  /**
   * One reducer from one reducer per key: Redux's {@code combineReducers}. The state is an
   * unmodifiable map with the same keys, in the same order as {@code reducers}.
   *
   * @throws IllegalStateException when a slice reducer returns null for the init action or for an
   *     unknown action (Redux checks this when combining)
   */
  public static Reducer<Map<String, Object>> combineReducers(
      Map<String, ? extends Reducer<?>> reducers) {
    return new CombinedReducer(reducers);
  }
}
