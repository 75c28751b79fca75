package io.processflow.runtime.store;

import io.processflow.api.store.Action;
import io.processflow.api.store.Reducer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Redux's combineReducers: see {@link Stores#combineReducers}. */
final class CombinedReducer implements Reducer<Map<String, Object>> {
  private static final Logger log = LoggerFactory.getLogger(CombinedReducer.class);

  private final String[] keys;
  private final Reducer<Object>[] reducers;
  private final Set<String> warnedKeys = ConcurrentHashMap.newKeySet();

  @SuppressWarnings("unchecked")
  CombinedReducer(Map<String, ? extends Reducer<?>> slices) {
    if (slices.isEmpty()) {
      throw new IllegalArgumentException(
          "combineReducers needs at least one slice reducer; pass a map of key -> reducer.");
    }
    keys = new String[slices.size()];
    reducers = new Reducer[slices.size()];
    int i = 0;
    for (Map.Entry<String, ? extends Reducer<?>> slice : slices.entrySet()) {
      keys[i] = slice.getKey();
      reducers[i] = (Reducer<Object>) slice.getValue();
      i++;
    }
    assertReducerShapes();
  }

  private void assertReducerShapes() {
    for (int i = 0; i < keys.length; i++) {
      Object initial = reducers[i].reduce(null, Action.of(ActionTypes.INIT));
      if (initial == null) {
        throw new IllegalStateException(
            "The slice reducer for key \""
                + keys[i]
                + "\" returned null during initialization. If "
                + "the state passed to the reducer is null, you must explicitly return the initial "
                + "state. The initial state may not be null.");
      }
      String probe = ActionTypes.probeUnknownAction();
      if (reducers[i].reduce(null, Action.of(probe)) == null) {
        throw new IllegalStateException(
            "The slice reducer for key \""
                + keys[i]
                + "\" returned null when probed with a random "
                + "type ("
                + probe
                + "). Don't try to handle Redux's private \"@@redux/*\" actions: "
                + "return the current state for any unknown action, and the initial state when the "
                + "current state is null.");
      }
    }
  }

  @Override
  public Map<String, Object> reduce(Map<String, Object> state, Action action) {
    Map<String, Object> previous = state == null ? Map.of() : state;
    warnUnexpectedKeys(previous);
    Object[] next = new Object[keys.length];
    boolean changed = previous.size() != keys.length;
    for (int i = 0; i < keys.length; i++) {
      Object before = previous.get(keys[i]);
      Object after = reducers[i].reduce(before, action);
      if (after == null) {
        throw new IllegalStateException(
            "When called with an action of type \""
                + action.type()
                + "\", the slice reducer for key \""
                + keys[i]
                + "\" returned null. To ignore an action, you must explicitly return the "
                + "previous state.");
      }
      next[i] = after;
      changed |= after != before;
    }
    if (!changed) {
      return previous;
    }
    Map<String, Object> result = new LinkedHashMap<>(keys.length * 2);
    for (int i = 0; i < keys.length; i++) {
      result.put(keys[i], next[i]);
    }
    return Collections.unmodifiableMap(result);
  }

  private void warnUnexpectedKeys(Map<String, Object> state) {
    if (state.size() <= keys.length && containsOnlyKnownKeys(state)) {
      return;
    }
    for (String key : state.keySet()) {
      if (!isKnown(key) && warnedKeys.add(key)) {
        log.warn(
            "Unexpected key \"{}\" found in the state received by the reducer. Expected to find one "
                + "of the known reducer keys instead: {}. Unexpected keys will be ignored.",
            key,
            String.join(", ", keys));
      }
    }
  }

  private boolean containsOnlyKnownKeys(Map<String, Object> state) {
    for (String key : state.keySet()) {
      if (!isKnown(key)) {
        return false;
      }
    }
    return true;
  }

  private boolean isKnown(String key) {
    for (String k : keys) {
      if (k.equals(key)) {
        return true;
      }
    }
    return false;
  }
}
