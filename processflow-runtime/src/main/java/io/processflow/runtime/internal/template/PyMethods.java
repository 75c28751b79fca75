package io.processflow.runtime.internal.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's methods of {@code str}, {@code list} and {@code dict} for template values: {@code
 * 'a.b'.split('.')}, {@code ', '.join(names)}, {@code '{:,}'.format(n)}, {@code d.get('k', 0)},
 * {@code d.items()}, {@code l.append(x)}, ... Strings split on literal separators, never regular
 * expressions. {@link PyStrMethods} holds {@code str}'s.
 */
final class PyMethods {
  /** Returned when the receiver has no such Python method (Java's own methods are then tried). */
  static final Object NO_METHOD = new Object();

  private PyMethods() {}

  static Object invoke(Object base, String name, Object[] arguments) {
    if (base instanceof String s) {
      return PyStrMethods.string(s, name, new PyArguments(name, arguments));
    }
    if (base instanceof Map<?, ?> map) {
      return dict(map, name, new PyArguments(name, arguments));
    }
    if (base instanceof List<?> list) {
      return list(list, name, new PyArguments(name, arguments));
    }
    return NO_METHOD;
  }

  /** Python's iteration: a string gives its characters, a dict its keys. */
  static Iterable<?> iterate(Object value) {
    if (value instanceof CharSequence s) {
      List<String> chars = new ArrayList<>();
      s.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
      return chars;
    }
    if (value instanceof Map<?, ?> map) {
      return map.keySet();
    }
    if (value instanceof Iterable<?> items) {
      return items;
    }
    throw PyException.typeError("'" + PyValues.typeName(value) + "' object is not iterable");
  }

  private static Object hashable(Object key) {
    PyDict.checkHashable(key);
    return key;
  }

  @SuppressWarnings("unchecked")
  private static Object dict(Map<?, ?> map, String name, PyArguments a) {
    Map<Object, Object> m = (Map<Object, Object>) map;
    return switch (name) {
      case "get" -> {
        Object key = PyDict.keyFor(m, hashable(a.get(0, "key", null)));
        yield key != null ? NullsAsNone.wrap(m.get(key)) : a.get(1, "default", PyNone.NONE);
      }
      case "items" ->
          PyView.dictView(
              "dict_items", m, e -> PyTuple.of(e.getKey(), NullsAsNone.wrap(e.getValue())));
      case "keys" -> PyView.dictView("dict_keys", m, Map.Entry::getKey);
      case "values" -> PyView.dictView("dict_values", m, e -> NullsAsNone.wrap(e.getValue()));
      case "update" -> {
        Object other = a.get(0, "other", null);
        if (other instanceof Map<?, ?> o) {
          o.forEach((k, v) -> PyDict.put(m, k, v));
        } else if (other != null && other != PyNone.NONE) { // pairs: [(k, v)], d.items()
          for (Object pair : iterate(other)) {
            List<?> kv = pair instanceof List<?> l ? l : null;
            if (kv == null || kv.size() != 2) {
              throw PyException.valueError(
                  "dictionary update sequence element has length "
                      + (kv == null ? "?" : kv.size())
                      + "; 2 is required");
            }
            PyDict.put(m, kv.get(0), kv.get(1));
          }
        }
        a.named.forEach((k, v) -> PyDict.put(m, k, v));
        yield PyNone.NONE;
      }
      case "pop" -> {
        Object asked = hashable(a.get(0, "key", null));
        Object key = PyDict.keyFor(m, asked);
        if (key == null) {
          Object fallback = a.get(1, "default", null);
          if (fallback == null) {
            throw new PyException("KeyError", PyValues.repr(asked));
          }
          yield fallback;
        }
        yield NullsAsNone.wrap(m.remove(key));
      }
      case "setdefault" -> {
        Object asked = hashable(a.get(0, "key", null));
        if (PyDict.keyFor(m, asked) == null) {
          PyDict.put(m, asked, a.get(1, "default", PyNone.NONE));
        }
        yield NullsAsNone.wrap(m.get(PyDict.keyFor(m, asked)));
      }
      case "copy" -> new LinkedHashMap<>(m);
      case "clear" -> {
        m.clear();
        yield PyNone.NONE;
      }
      default -> NO_METHOD;
    };
  }

  @SuppressWarnings("unchecked")
  private static Object list(List<?> list, String name, PyArguments a) {
    List<Object> l = (List<Object>) list;
    return switch (name) {
      case "append" -> {
        l.add(a.get(0, "object", PyNone.NONE));
        yield PyNone.NONE;
      }
      case "extend" -> {
        for (Object item : iterate(a.get(0, "iterable", List.of()))) {
          l.add(item);
        }
        yield PyNone.NONE;
      }
      case "insert" -> {
        int at = (int) a.getLong(0, "index", 0);
        l.add(
            Math.max(0, Math.min(l.size(), at < 0 ? l.size() + at : at)),
            a.get(1, "object", PyNone.NONE));
        yield PyNone.NONE;
      }
      case "pop" -> {
        if (l.isEmpty()) {
          throw new PyException("IndexError", "pop from empty list");
        }
        int at = (int) a.getLong(0, "index", -1);
        yield NullsAsNone.wrap(l.remove(at < 0 ? l.size() + at : at));
      }
      case "remove" -> {
        Object item = a.get(0, "value", null);
        for (Iterator<Object> it = l.iterator(); it.hasNext(); ) {
          if (PyValues.eq(it.next(), item)) {
            it.remove();
            yield PyNone.NONE;
          }
        }
        throw PyException.valueError("list.remove(x): x not in list");
      }
      case "index" -> {
        Object item = a.get(0, "value", null);
        // list.index(x, start, end) searches l[start:end] and answers an index into l.
        int n = l.size();
        int end = (int) Math.min(PyStrMethods.bound(a, 2, "end", n, n), n);
        for (int i = (int) PyStrMethods.bound(a, 1, "start", 0, n); i < end; i++) {
          if (PyValues.eq(l.get(i), item)) {
            yield (long) i;
          }
        }
        throw PyException.valueError(PyValues.repr(item) + " is not in list");
      }
      case "count" -> {
        Object item = a.get(0, "value", null);
        long n = 0;
        for (Object x : l) {
          if (PyValues.eq(x, item)) {
            n++;
          }
        }
        yield n;
      }
      case "sort" -> {
        boolean reverse = PyValues.truth(a.get(-1, "reverse", false));
        Comparator<Object> order = (x, y) -> PyValues.compare(x, y, "<");
        l.sort(reverse ? order.reversed() : order);
        yield PyNone.NONE;
      }
      case "reverse" -> {
        Collections.reverse(l);
        yield PyNone.NONE;
      }
      case "copy" -> new ArrayList<>(l);
      case "clear" -> {
        l.clear();
        yield PyNone.NONE;
      }
      default -> NO_METHOD;
    };
  }

  static int size(Object value) {
    if (value instanceof CharSequence s) {
      return s.toString().codePointCount(0, s.length());
    }
    if (value instanceof Collection<?> c) {
      return c.size();
    }
    if (value instanceof Map<?, ?> m) {
      return m.size();
    }
    throw PyException.typeError("object of type '" + PyValues.typeName(value) + "' has no len()");
  }
}
