package io.processflow.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.api.store.Action;
import io.processflow.api.store.Middleware;
import io.processflow.api.store.Reducer;
import io.processflow.api.store.Store;
import io.processflow.runtime.internal.store.UnobservedChanges;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store applying a change whose action only its reducer would see (see UnobservedChanges). */
class UnobservedChangesTest {
  private static final Reducer<Integer> COUNTER = StoreTest.COUNTER;

  @Test
  void aChangeIsAppliedUnderTheStoresRulesAndEveryListenerIsToldAsForADispatch() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    UnobservedChanges<Integer> changes = UnobservedChanges.of(store);
    List<Integer> seen = new ArrayList<>();
    store.subscribe(() -> seen.add(store.getState()));

    assertThat(changes.applyUnobserved(COUNTER, s -> s + 5)).isTrue();
    store.dispatch(Action.of("add"));
    assertThat(changes.applyUnobserved(COUNTER, s -> s * 2)).isTrue();

    assertThat(seen).containsExactly(5, 6, 12);
    assertThat(store.getState()).isEqualTo(12);
  }

  @Test
  void afterTheReducerIsReplacedNothingChangesAndTheCallerMustDispatch() {
    Store<Integer> store = Stores.create(COUNTER, 1);
    UnobservedChanges<Integer> changes = UnobservedChanges.of(store);
    List<String> seenByReplacement = new ArrayList<>();
    store.replaceReducer(
        (state, action) -> {
          seenByReplacement.add(action.type());
          return state;
        });

    assertThat(changes.applyUnobserved(COUNTER, s -> s + 100)).isFalse();
    assertThat(store.getState()).isEqualTo(1);
    assertThat(seenByReplacement).hasSize(1); // only the replace action itself
  }

  @Test
  void aReducerMayNotApplyAChangeAndANullStateIsRefused() {
    List<UnobservedChanges<Integer>> self = new ArrayList<>();
    List<Reducer<Integer>> itself = new ArrayList<>();
    Reducer<Integer> applying =
        (state, action) -> {
          if (action.type().equals("apply")) {
            self.get(0).applyUnobserved(itself.get(0), s -> s + 1);
          }
          return state == null ? 0 : state;
        };
    itself.add(applying);
    Store<Integer> store = Stores.create(applying, 0);
    self.add(UnobservedChanges.of(store));
    assertThatThrownBy(() -> store.dispatch(Action.of("apply")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Reducers may not change the state");

    Store<Integer> plain = Stores.create(COUNTER, 0);
    assertThatThrownBy(() -> UnobservedChanges.of(plain).applyUnobserved(COUNTER, s -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("null state");
    assertThat(plain.getState()).isZero();
  }

  @Test
  void aStoreWithMiddlewareCannotSkipItsActions() {
    Middleware<Integer> passThrough = api -> next -> next::dispatch;
    assertThat(UnobservedChanges.of(Stores.create(COUNTER, 0, passThrough))).isNull();
    assertThat(UnobservedChanges.of(Stores.create(COUNTER, 0))).isNotNull();
  }
}
