package io.processflow.runtime.operators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rendered values of an operator's templated fields for one try of one task. Rendering makes
 * new values, so an operator stays immutable and may serve several runs at once.
 */
public final class RenderedFields {
  private final Map<String, Object> values;

  RenderedFields(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The rendered value of {@code field} (may be {@code null}). */
  public Object get(String field) {
    if (!values.containsKey(field)) {
      throw new IllegalArgumentException(
          "'" + field + "' is not a templated field; the operator declares " + values.keySet());
    }
    return values.get(field);
  }

  /** The rendered value of {@code field} as a string, or {@code null}. */
  public String string(String field) {
    Object value = get(field);
    return value == null ? null : value.toString();
  }

  /** The rendered value of {@code field}, a map, or an empty map when it is {@code null}. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String field) {
    Object value = get(field);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "Templated field '"
              + field
              + "' should be a map; it is a "
              + value.getClass().getSimpleName());
    }
    return (Map<String, Object>) value;
  }

  /** Every field and its rendered value, in declaration order. */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
