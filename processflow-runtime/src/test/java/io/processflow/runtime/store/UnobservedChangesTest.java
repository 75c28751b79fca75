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

    assertThat(changes.applyUnobserved(COUNTER, s -> s + 5, 1)).isTrue();
    store.dispatch(Action.of("add"));
    assertThat(changes.applyUnobserved(COUNTER, s -> s * 2, 3)).isTrue();

    assertThat(seen).containsExactly(5, 6, 12, 24, 48); // one state and one call per change
    assertThat(store.getState()).isEqualTo(48);
  }

  @Test
  void aListenerAddedDuringABatchIsCalledFromTheNextChangeOn() {
    Store<Integer> store = Stores.create(COUNTER, 0);
    List<Integer> late = new ArrayList<>();
    List<Integer> early = new ArrayList<>();
    store.subscribe(
        () -> {
          early.add(store.getState());
          if (store.getState() == 2) {
            store.subscribe(() -> late.add(store.getState()));
          }
        });
    UnobservedChanges.of(store).applyUnobserved(COUNTER, s -> s + 1, 4);
    assertThat(early).containsExactly(1, 2, 3, 4);
    assertThat(late).containsExactly(3, 4);
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

    assertThat(changes.applyUnobserved(COUNTER, s -> s + 100, 2)).isFalse();
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
            self.get(0).applyUnobserved(itself.get(0), s -> s + 1, 1);
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
    assertThatThrownBy(() -> UnobservedChanges.of(plain).applyUnobserved(COUNTER, s -> null, 1))
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
