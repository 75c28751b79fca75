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

  PyDict() {}

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

  /**
   * {@code key} as a dict of templates holds it: an int of any Java type is a Long, and so are the
   * ints inside a tuple.
   */
  static Object canonical(Object key) {
    if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
      return ((Number) key).longValue();
    }
    if (key instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    if (key instanceof PyTuple tuple && !(key instanceof PyIsoCalendarDate)) {
      List<Object> items = new java.util.ArrayList<>(tuple.size());
      tuple.forEach(item -> items.add(canonical(item)));
      return new PyTuple(items);
    }
    if (key instanceof SafeString markup && !(key instanceof MarkupKey)) {
      return new MarkupKey(markup.toString());
    }
    return key;
  }

  /**
   * Markup as a dict key: markup still (it prints as {@code Markup('a')} and is not escaped again),
   * and equal to the same markup, as in Python ({@code SafeString} is equal only to itself).
   */
  static final class MarkupKey extends SafeString {
    MarkupKey(String value) {
      super(value);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof MarkupKey key && key.toString().equals(toString());
    }

    @Override
    public int hashCode() {
      return toString().hashCode();
    }
  }

  /** Fails as Python does for a key that cannot be one: a list or dict, or a tuple holding one. */
  static void checkHashable(Object key) {
    if (key instanceof PyTuple tuple) {
      tuple.forEach(PyDict::checkHashable);
    } else if (key instanceof List<?> || key instanceof Map<?, ?>) {
      throw PyException.typeError("unhashable type: '" + PyValues.typeName(key) + "'");
    }
  }

  /**
   * The key of {@code map} that Python finds equal to {@code key}, or null when there is none, in
   * constant time: the key itself, then the other Java forms of an equal number ({@code 1} as a
   * Long, an Integer, the float {@code 1.0}, {@code True}), which a task's {@code Map<Integer, ?>},
   * {@code dict()} or a float key may hold, then a markup key's text.
   */
  static Object keyFor(Map<?, ?> map, Object key) {
    if (map.containsKey(key)) {
      return key;
    }
    Object k = canonical(key);
    if (map.containsKey(k)) {
      return k;
    }
    if (PyValues.isNumber(k)) {
      for (Object form : equalNumbers(k)) {
        if (map.containsKey(form)) {
          return form;
        }
      }
    }
    if (key instanceof SafeString markup && map.containsKey(markup.toString())) {
      return markup.toString(); // markup finds its text, as Markup('a') == 'a' in Python
    }
    if (key instanceof String text && map instanceof PyDict) {
      Object markup = new MarkupKey(text);
      return map.containsKey(markup) ? markup : null;
    }
    return null;
  }

  /** The Java forms of the numbers equal to {@code n} that a map's keys may have. */
  private static List<Object> equalNumbers(Object n) {
    long whole;
    if (n instanceof Boolean b) {
      whole = b ? 1 : 0;
    } else if (n instanceof Long l) {
      whole = l;
    } else if (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      whole = (long) (double) d;
    } else {
      return List.of();
    }
    List<Object> forms = new java.util.ArrayList<>(4);
    forms.add(whole);
    forms.add((double) whole);
    if (whole == (int) whole) {
      forms.add((int) whole);
    }
    if (whole == 0 || whole == 1) {
      forms.add(whole == 1);
    }
    return forms;
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
