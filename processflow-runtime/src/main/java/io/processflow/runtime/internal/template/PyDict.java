package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.PyWrapper;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.PyMap;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dict with keys of any hashable type ({@code {1: 'one'}}; see {@link PyDictLiteral}), bounded
 * like Jinjava's own dicts, and the rules every dict of a template follows for its keys, as
 * Python's: keys that are equal are one key, whatever their Java types ({@link #keyFor}: the int
 * {@code 1} of a literal, of {@code range()} or of a date's month, {@code 1.0} and {@code True}; a
 * markup string and its text), and a list or dict is no key ({@code unhashable type}).
 *
 * <p>Jinjava's own dicts take only string keys (an int key fails with a {@code ClassCastException})
 * and refuse to hold themselves, both of which Python allows: {@link #put(Map, Object, Object)}
 * puts into such a dict's backing map instead.
 */
final class PyDict extends LinkedHashMap<Object, Object> implements PyWrapper {
  private static final long serialVersionUID = 1L;

  /** Whether a key is a float or a bool, which a lookup by an equal int must scan for. */
  private boolean oddNumbers;

  PyDict() {}

  @Override
  public Object put(Object key, Object value) {
    if (!containsKey(key)) {
      checkRoom(size());
      oddNumbers |= PyValues.isNumber(key) && !(key instanceof Long);
    }
    return super.put(key, value);
  }

  @Override
  public void putAll(Map<?, ?> entries) {
    entries.forEach(this::put);
  }

  /** {@code key} as dicts hold it: an int of any Java type is a Long, markup is its text. */
  static Object canonical(Object key) {
    if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
      return ((Number) key).longValue();
    }
    if (key instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    return key instanceof SafeString markup ? markup.toString() : key;
  }

  /** Fails as Python does for a key that cannot be one: a list or dict, or a tuple holding one. */
  static void checkHashable(Object key) {
    if (key instanceof PyTuple tuple) {
      tuple.forEach(PyDict::checkHashable);
    } else if (key instanceof List<?> || key instanceof Map<?, ?>) {
      throw PyException.typeError("unhashable type: '" + PyValues.typeName(key) + "'");
    }
  }

  /** The key of {@code map} that Python finds equal to {@code key}, or null when there is none. */
  static Object keyFor(Map<?, ?> map, Object key) {
    Object k = canonical(key);
    if (map.containsKey(k)) {
      return k;
    }
    Long asInt = null;
    if (k instanceof Boolean b) {
      asInt = b ? 1L : 0L;
    } else if (k instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
      asInt = (long) (double) d;
    }
    if (asInt != null && map.containsKey(asInt)) {
      return asInt;
    }
    if (PyValues.isNumber(k) && map instanceof PyDict dict && dict.oddNumbers) {
      for (Object other : map.keySet()) {
        if (PyValues.isNumber(other) && PyValues.eq(other, k)) {
          return other;
        }
      }
    }
    return null;
  }

  /** {@code map[key] = value}, for any dict a template holds, with Python's key rules. */
  @SuppressWarnings("unchecked")
  static void put(Map<Object, Object> map, Object key, Object value) {
    checkHashable(key);
    Object existing = keyFor(map, key);
    Object k = existing != null ? existing : canonical(key);
    if ((Object) map instanceof PyMap jinjava) {
      Map<Object, Object> backing = (Map<Object, Object>) (Map<?, ?>) jinjava.toMap();
      if (existing == null) {
        checkRoom(backing.size());
      }
      backing.put(k, value);
    } else {
      map.put(k, value);
    }
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
