package io.processflow.api.store;

import java.util.Map;

/**
 * A type and a map of values, for DAG authors who need no record of their own: the Java counterpart
 * of a plain Redux action object. Build one with {@link Action#of(String, Map)}.
 */
public record SimpleAction(String type, Map<String, Object> payload) implements Action {
  public SimpleAction {
    payload = Map.copyOf(payload);
  }
}
