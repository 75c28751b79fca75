package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.PyWrapper;
import com.hubspot.jinjava.objects.collections.PyMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dict with keys of any type ({@code {1: 'one'}}; see {@link PyDictLiteral}), bounded like
 * Jinjava's own dicts. Those take only string keys (an int key fails with a {@code
 * ClassCastException}) and refuse to hold themselves, both of which Python allows: {@link #put(Map,
 * Object, Object)} puts into such a dict's backing map instead.
 */
final class PyDict extends LinkedHashMap<Object, Object> implements PyWrapper {
  private static final long serialVersionUID = 1L;

  PyDict(Map<Object, Object> entries) {
    super(entries);
  }

  @Override
  public Object put(Object key, Object value) {
    if (!containsKey(key)) {
      checkRoom(size());
    }
    return super.put(key, value);
  }

  @Override
  public void putAll(Map<?, ?> entries) {
    entries.forEach(this::put);
  }

  /** {@code map[key] = value}, for any dict a template holds. */
  @SuppressWarnings("unchecked")
  static void put(Map<Object, Object> map, Object key, Object value) {
    if ((Object) map instanceof PyMap jinjava) {
      Map<Object, Object> backing = (Map<Object, Object>) (Map<?, ?>) jinjava.toMap();
      if (!backing.containsKey(key)) {
        checkRoom(backing.size());
      }
      backing.put(key, value);
    } else {
      map.put(key, value);
    }
  }

  /**
   * The key of {@code map} that Python finds equal to {@code key} ({@code 1}, {@code 1.0} and
   * {@code True} are one key), or null when there is none.
   */
  static Object keyFor(Map<?, ?> map, Object key) {
    if (map.containsKey(key)) {
      return key;
    }
    if (PyValues.isNumber(key)) {
      for (Object other : map.keySet()) {
        if (PyValues.isNumber(other) && PyValues.eq(other, key)) {
          return other;
        }
      }
    }
    return null;
  }

  private static void checkRoom(int size) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (interpreter != null && size >= interpreter.getConfig().getMaxMapSize()) {
      throw new PyException(
          "MemoryError",
          "a dict may hold at most " + interpreter.getConfig().getMaxMapSize() + " items here");
    }
  }
}
