package io.processflow.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.store.Action;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombineReducersTest {
  static final Reducer<Integer> COUNTER = StoreTest.COUNTER;
  static final Reducer<List<String>> TODOS =
      (state, action) -> {
        List<String> s = state == null ? List.of() : state;
        if (action.type().equals("todo")) {
          return java.util.stream.Stream.concat(s.stream(), java.util.stream.Stream.of("t"))
              .toList();
        }
        return s;
      };

  private static Map<String, Reducer<?>> slices() {
    Map<String, Reducer<?>> slices = new LinkedHashMap<>();
    slices.put("counter", COUNTER);
    slices.put("todos", TODOS);
    return slices;
  }

  @Test
  void eachSliceReducerGetsItsSlice() {
    Store<Map<String, Object>> store = Stores.create(Stores.combineReducers(slices()), null);
    assertThat(store.getState())
        .containsExactly(Map.entry("counter", 0), Map.entry("todos", List.of()));
    store.dispatch(Action.of("add"));
    store.dispatch(Action.of("todo"));
    assertThat(store.getState()).containsEntry("counter", 1).containsEntry("todos", List.of("t"));
  }

  @Test
  void sameStateIsReturnedWhenNoSliceChanged() {
    Reducer<Map<String, Object>> reducer = Stores.combineReducers(slices());
    Map<String, Object> state = reducer.reduce(null, Action.of("anything"));
    assertThat(reducer.reduce(state, Action.of("unknown"))).isSameAs(state);
    Map<String, Object> next = reducer.reduce(state, Action.of("add"));
    assertThat(next).isNotSameAs(state);
    assertThat(next.get("todos")).isSameAs(state.get("todos"));
  }

  @Test
  void sliceReturningNullForAnActionNamesTheKeyAndTheActionType() {
    Map<String, Reducer<?>> slices = slices();
    slices.put("broken", (Reducer<String>) (s, a) -> a.type().equals("break") ? null : "ok");
    Store<Map<String, Object>> store = Stores.create(Stores.combineReducers(slices), null);
    assertThatThrownBy(() -> store.dispatch(Action.of("break")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("action of type \"break\"")
        .hasMessageContaining("slice reducer for key \"broken\" returned null")
        .hasMessageContaining("explicitly return the previous state");
  }

  @Test
  void sliceReturningNullOnInitIsRejectedWhenCombining() {
    Map<String, Reducer<?>> slices = slices();
    slices.put("lazy", (Reducer<String>) (s, a) -> s);
    assertThatThrownBy(() -> Stores.combineReducers(slices))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("slice reducer for key \"lazy\" returned null during initialization");
  }

  @Test
  void sliceHandlingPrivateActionsIsRejectedWhenCombining() {
    Map<String, Reducer<?>> slices = slices();
    slices.put(
        "sneaky", (Reducer<String>) (s, a) -> a.type().startsWith("@@redux/INIT") ? "init" : s);
    assertThatThrownBy(() -> Stores.combineReducers(slices))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("slice reducer for key \"sneaky\" returned null when probed");
  }

  @Test
  void unexpectedKeysAreDropped() {
    Reducer<Map<String, Object>> reducer = Stores.combineReducers(slices());
    Map<String, Object> preloaded = Map.of("counter", 3, "stray", "x");
    Map<String, Object> next = reducer.reduce(preloaded, Action.of("unknown"));
    assertThat(next).containsOnlyKeys("counter", "todos").containsEntry("counter", 3);
  }

  @Test
  void combinedStateIsUnmodifiable() {
    Reducer<Map<String, Object>> reducer = Stores.combineReducers(slices());
    Map<String, Object> state = reducer.reduce(null, Action.of("x"));
    assertThatThrownBy(() -> state.put("counter", 5))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
