package io.processflow.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.store.Action;
import io.processflow.api.store.Listener;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import io.processflow.api.store.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoreTest {
  /** A counter; "add" adds its payload "n" (default 1). */
  static final Reducer<Integer> COUNTER =
      (state, action) -> {
        int s = state == null ? 0 : state;
        if (action.type().equals("add")) {
          return s + 1;
        }
        return state == null ? 0 : state;
      };

  @Test
  void initActionGivesTheReducersInitialState() {
    List<String> seen = new ArrayList<>();
    Store<Integer> store =
        Stores.create(
            (state, action) -> {
              seen.add(action.type());
              return state == null ? 42 : state;
            },
            null);
    assertThat(store.getState()).isEqualTo(42);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).startsWith("@@redux/INIT").isNotEqualTo("@@redux/INIT");
  }

  @Test
  void preloadedStateIsKept() {
    Store<Integer> store = Stores.create(COUNTER, 10);
    store.dispatch(Action.of("add"));
    assertThat(store.getState()).isEqualTo(11);
  }

  @Test
  void dispatchReturnsTheAction() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    Action add = Action.of("add");
    assertThat(store.dispatch(add)).isSameAs(add);
  }

  @Test
  void actionWithoutTypeIsRejectedWithAClearMessage() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    assertThatThrownBy(() -> store.dispatch(() -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Actions may not have a null \"type\" property");
    assertThatThrownBy(() -> store.dispatch(Action.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Actions may not have a blank \"type\" property");
    assertThatThrownBy(() -> store.dispatch(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Actions must not be null");
    assertThat(store.getState()).isEqualTo(0);
  }

  @Test
  void reducerReturningNullIsAnError() {
    Store<Integer> store = Stores.create((s, a) -> a.type().equals("bad") ? null : 0, 0);
    assertThatThrownBy(() -> store.dispatch(Action.of("bad")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned null for action 'bad'")
        .hasMessageContaining("explicitly return the previous state");
    assertThat(store.getState()).isEqualTo(0);
  }

  @Test
  void reducerMayNotDispatch() {
    AtomicReference<Store<Integer>> self = new AtomicReference<>();
    Store<Integer> store =
        Stores.create(
            (state, action) -> {
              if (action.type().equals("nested")) {
                self.get().dispatch(Action.of("add"));
              }
              return state;
            },
            0);
    self.set(store);
    assertThatThrownBy(() -> store.dispatch(Action.of("nested")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Reducers may not dispatch actions");
    // The guard is reset in finally: the store still works.
    store.dispatch(Action.of("other"));
    assertThat(store.getState()).isEqualTo(0);
  }

  @Test
  void reducerMayNotReadStateSubscribeOrUnsubscribe() {
    AtomicReference<Store<Integer>> self = new AtomicReference<>();
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    Store<Integer> store =
        Stores.create(
            (state, action) -> {
              switch (action.type()) {
                case "read" -> self.get().getState();
                case "subscribe" -> self.get().subscribe(() -> {});
                case "unsubscribe" -> subscription.get().unsubscribe();
                default -> {}
              }
              return state;
            },
            0);
    self.set(store);
    subscription.set(store.subscribe(() -> {}));
    assertThatThrownBy(() -> store.dispatch(Action.of("read")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("You may not call store.getState() while the reducer is executing");
    assertThatThrownBy(() -> store.dispatch(Action.of("subscribe")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("You may not call store.subscribe() while the reducer is executing");
    assertThatThrownBy(() -> store.dispatch(Action.of("unsubscribe")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "You may not call store.unsubscribe() while the reducer is executing");
    assertThat(store.getState()).isEqualTo(0);
  }

  @Test
  void otherThreadsMayReadStateWhileAReducerRuns() throws Exception {
    CountDownLatch inReducer = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Store<Integer> store =
        Stores.create(
            (state, action) -> {
              if (action.type().equals("slow")) {
                inReducer.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return state + 1;
              }
              return state;
            },
            5);
    Thread t = new Thread(() -> store.dispatch(Action.of("slow")));
    t.start();
    inReducer.await();
    assertThat(store.getState()).isEqualTo(5);
    release.countDown();
    t.join();
    assertThat(store.getState()).isEqualTo(6);
  }

  @Test
  void listenersAreCalledAfterEveryDispatchAndCanUnsubscribeTwice() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    List<Integer> seen = new ArrayList<>();
    Subscription subscription = store.subscribe(() -> seen.add(store.getState()));
    store.dispatch(Action.of("add"));
    store.dispatch(Action.of("add"));
    subscription.unsubscribe();
    subscription.unsubscribe();
    store.dispatch(Action.of("add"));
    assertThat(seen).containsExactly(1, 2);
  }

  @Test
  void listenerAddedDuringADispatchIsCalledFromTheNextOne() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    List<String> calls = new ArrayList<>();
    AtomicBoolean added = new AtomicBoolean();
    store.subscribe(
        () -> {
          calls.add("a" + store.getState());
          if (added.compareAndSet(false, true)) {
            store.subscribe(() -> calls.add("b" + store.getState()));
          }
        });
    store.dispatch(Action.of("add"));
    assertThat(calls).containsExactly("a1");
    store.dispatch(Action.of("add"));
    assertThat(calls).containsExactly("a1", "a2", "b2");
  }

  @Test
  void listenerRemovedDuringADispatchIsStillCalledForIt() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    List<String> calls = new ArrayList<>();
    AtomicReference<Subscription> second = new AtomicReference<>();
    store.subscribe(
        () -> {
          calls.add("a" + store.getState());
          second.get().unsubscribe();
        });
    second.set(store.subscribe(() -> calls.add("b" + store.getState())));
    store.dispatch(Action.of("add"));
    assertThat(calls).containsExactly("a1", "b1");
    store.dispatch(Action.of("add"));
    assertThat(calls).containsExactly("a1", "b1", "a2");
  }

  @Test
  void listenerMayDispatchAndEveryoneSeesTheNestedState() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    List<String> calls = new ArrayList<>();
    store.subscribe(
        () -> {
          calls.add("a" + store.getState());
          if (store.getState() == 1) {
            store.dispatch(Action.of("add"));
          }
        });
    store.subscribe(() -> calls.add("b" + store.getState()));
    store.dispatch(Action.of("add"));
    assertThat(calls).containsExactly("a1", "a2", "b2", "b2");
  }

  @Test
  void replaceReducerSwapsItAndDispatchesTheReplaceAction() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    List<String> seen = new ArrayList<>();
    store.replaceReducer(
        (state, action) -> {
          seen.add(action.type());
          return action.type().equals("add") ? state + 10 : state;
        });
    store.dispatch(Action.of("add"));
    assertThat(store.getState()).isEqualTo(10);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).startsWith("@@redux/REPLACE");
  }

  @Test
  void reducersNeverRunConcurrentlyAndListenersSeeEveryStateInOrder() throws Exception {
    int threads = 8;
    int perThread = 5_000;
    AtomicInteger inReducer = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    Store<Integer> store =
        Stores.create(
            (state, action) -> {
              if (inReducer.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
              }
              int next = action.type().equals("add") ? state + 1 : state;
              inReducer.decrementAndGet();
              return next;
            },
            0);
    List<List<Integer>> seenByListener = new ArrayList<>();
    for (int l = 0; l < 3; l++) {
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      seenByListener.add(seen);
      store.subscribe(() -> seen.add(store.getState()));
    }
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                  store.dispatch(Action.of("add"));
                }
              });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    int total = threads * perThread;
    assertThat(overlaps).hasValue(0);
    assertThat(store.getState()).isEqualTo(total);
    for (List<Integer> seen : seenByListener) {
      assertThat(seen).hasSize(total);
      for (int i = 0; i < total; i++) {
        if (seen.get(i) != i + 1) {
          throw new AssertionError("listener saw state " + seen.get(i) + " at position " + i);
        }
      }
    }
  }

  @Test
  void middlewareWrapsDispatchInReduxOrder() {
    List<String> log = new ArrayList<>();
    Middleware<Integer> outer =
        store ->
            next ->
                action -> {
                  log.add("outer before " + store.getState());
                  Action result = next.dispatch(action);
                  log.add("outer after " + store.getState());
                  return result;
                };
    Middleware<Integer> inner =
        store ->
            next ->
                action -> {
                  log.add("inner " + action.type());
                  return next.dispatch(action);
                };
    Store<Integer> store = Stores.create(COUNTER, 0, outer, inner);
    store.dispatch(Action.of("add"));
    assertThat(log).containsExactly("outer before 0", "inner add", "outer after 1");
    assertThat(store.getState()).isEqualTo(1);
  }

  @Test
  void middlewareDispatchGoesThroughTheWholeChainAgain() {
    List<String> log = new ArrayList<>();
    Middleware<Integer> expand =
        store ->
            next ->
                action -> {
                  log.add("expand " + action.type());
                  if (action.type().equals("twice")) {
                    store.dispatch(Action.of("add"));
                    return store.dispatch(Action.of("add"));
                  }
                  return next.dispatch(action);
                };
    Store<Integer> store = Stores.create(COUNTER, 0, expand);
    store.dispatch(Action.of("twice"));
    assertThat(store.getState()).isEqualTo(2);
    assertThat(log).containsExactly("expand twice", "expand add", "expand add");
  }

  @Test
  void middlewareCanSwallowActions() {
    Middleware<Integer> block =
        store -> next -> action -> action.type().equals("add") ? action : next.dispatch(action);
    Store<Integer> store = Stores.create(COUNTER, 0, block);
    store.dispatch(Action.of("add"));
    assertThat(store.getState()).isEqualTo(0);
  }

  @Test
  void dispatchingWhileConstructingMiddlewareIsAnError() {
    Middleware<Integer> eager =
        store -> {
          store.dispatch(Action.of("add"));
          return next -> next;
        };
    assertThatThrownBy(() -> Stores.create(COUNTER, 0, eager))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Dispatching while constructing your middleware is not allowed");
  }

  @Test
  void storeWithMiddlewareStillRejectsActionsWithoutType() {
    AtomicInteger seen = new AtomicInteger();
    Middleware<Integer> counting =
        store ->
            next ->
                action -> {
                  seen.incrementAndGet();
                  return next.dispatch(action);
                };
    Store<Integer> store = Stores.create(COUNTER, 0, counting);
    assertThatThrownBy(() -> store.dispatch(() -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(seen).hasValue(0);
  }

  @Test
  void composeAppliesRightToLeft() {
    java.util.function.Function<String, String> f = s -> "f(" + s + ")";
    java.util.function.Function<String, String> g = s -> "g(" + s + ")";
    java.util.function.Function<String, String> h = s -> "h(" + s + ")";
    assertThat(Stores.compose(f, g, h).apply("x")).isEqualTo("f(g(h(x)))");
    assertThat(Stores.<String>compose().apply("x")).isEqualTo("x");
  }

  @Test
  void subscriptionIsAutoCloseable() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    AtomicInteger calls = new AtomicInteger();
    Listener listener = calls::incrementAndGet;
    try (Subscription ignored = store.subscribe(listener)) {
      store.dispatch(Action.of("add"));
    }
    store.dispatch(Action.of("add"));
    assertThat(calls).hasValue(1);
  }
}
