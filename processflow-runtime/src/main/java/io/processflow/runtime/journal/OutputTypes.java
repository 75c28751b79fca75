package io.processflow.runtime.journal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.processflow.runtime.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Jackson type a task's output is journaled with, so that a resume gives downstream tasks the
 * Java type they were given before ({@code List<Order>}, not a list of maps). Read from the value
 * itself: its class; for a collection or map, the element (key, value) type all its non-null
 * elements share, else {@code Object}. Lists come back as {@code ArrayList}, sets as
 * {@code LinkedHashSet}, maps as {@code LinkedHashMap} (equal to the originals, order kept).
 */
final class OutputTypes {
  private static final TypeFactory TYPES = Json.mapper().getTypeFactory();
  private static final JavaType OBJECT = TYPES.constructType(Object.class);

  private OutputTypes() {}

  static JavaType of(Object value) {
    if (value instanceof Collection<?> collection) {
      Class<?> raw = value instanceof Set<?> ? LinkedHashSet.class : ArrayList.class;
      return TYPES.constructCollectionType(raw.asSubclass(Collection.class), common(collection));
    }
    if (value instanceof Map<?, ?> map) {
      return TYPES.constructMapType(LinkedHashMap.class, common(map.keySet()), common(map.values()));
    }
    if (value instanceof Enum<?> constant) {
      return TYPES.constructType(constant.getDeclaringClass());
    }
    return TYPES.constructType(value.getClass());
  }

  private static JavaType common(Collection<?> values) {
    JavaType common = null;
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      JavaType type = of(value);
      if (common == null) {
        common = type;
      } else if (!common.equals(type)) {
        return OBJECT;
      }
    }
    return common == null ? OBJECT : common;
  }

  /** The type written as {@link JavaType#toCanonical()}. */
  static JavaType parse(String canonical) {
    return TYPES.constructFromCanonical(canonical);
  }
}
