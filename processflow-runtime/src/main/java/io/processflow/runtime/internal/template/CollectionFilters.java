package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Jinja2's filters over sequences and mappings, and the attribute lookup they share. */
final class CollectionFilters {
  private CollectionFilters() {}

  static List<Object> list(Object value) {
    List<Object> items = new ArrayList<>();
    for (Object item : PyMethods.iterate(value)) {
      items.add(NullsAsNone.wrap(item));
    }
    return items;
  }

  static Object batch(Object value, PyArguments a) {
    int size = (int) a.getLong(0, "linecount", 1);
    Object fill = a.get(1, "fill_with", PyNone.NONE);
    List<Object> batches = new ArrayList<>();
    List<Object> current = new ArrayList<>();
    for (Object item : list(value)) {
      if (current.size() == size) {
        batches.add(current);
        current = new ArrayList<>();
      }
      current.add(item);
    }
    if (!current.isEmpty()) {
      if (fill != PyNone.NONE) {
        while (current.size() < size) {
          current.add(fill);
        }
      }
      batches.add(current);
    }
    return batches;
  }

  static Object slice(Object value, PyArguments a) {
    List<Object> items = list(value);
    int slices = (int) a.getLong(0, "slices", 1);
    Object fill = a.get(1, "fill_with", PyNone.NONE);
    int perSlice = items.size() / slices;
    int withExtra = items.size() % slices;
    int offset = 0;
    List<Object> result = new ArrayList<>();
    for (int n = 0; n < slices; n++) {
      int start = offset + n * perSlice;
      if (n < withExtra) {
        offset++;
      }
      int end = offset + (n + 1) * perSlice;
      List<Object> part = new ArrayList<>(items.subList(start, end));
      if (fill != PyNone.NONE && n >= withExtra) {
        part.add(fill);
      }
      result.add(part);
    }
    return result;
  }

  private static Object sortKey(Object value, boolean caseSensitive) {
    return !caseSensitive && value instanceof CharSequence s
        ? s.toString().toLowerCase(Locale.ROOT)
        : value;
  }

  static Object dictsort(Object value, PyArguments a) {
    if (!(value instanceof Map<?, ?> map)) {
      return JinjaFilters.fail("dictsort", value);
    }
    boolean caseSensitive = PyValues.truth(a.get(0, "case_sensitive", false));
    String by = PyValues.str(a.get(1, "by", "key"));
    boolean reverse = PyValues.truth(a.get(2, "reverse", false));
    int index = by.equals("key") ? 0 : by.equals("value") ? 1 : -1;
    if (index < 0) {
      throw PyException.valueError("You can only sort by either \"key\" or \"value\"");
    }
    List<Object> items = new ArrayList<>();
    map.forEach((k, v) -> items.add(PyTuple.of(k, NullsAsNone.wrap(v))));
    Comparator<Object> order =
        (x, y) ->
            PyValues.compare(
                sortKey(((List<?>) x).get(index), caseSensitive),
                sortKey(((List<?>) y).get(index), caseSensitive),
                "<");
    items.sort(reverse ? order.reversed() : order);
    return items;
  }

  static Object first(Object value) {
    for (Object item : PyMethods.iterate(value)) {
      return NullsAsNone.wrap(item);
    }
    throw new PyException("UndefinedError", "No first item, sequence was empty.");
  }

  static Object last(Object value) {
    List<Object> items = list(value);
    if (items.isEmpty()) {
      throw new PyException("UndefinedError", "No last item, sequence was empty.");
    }
    return items.get(items.size() - 1);
  }

  static Object attribute(Object item, String path, JinjavaInterpreter interpreter) {
    Object value = item;
    for (String part : path.split("\\.")) {
      if (value instanceof Map<?, ?> map) {
        // a part of digits is an int, as Jinja2's make_attrgetter reads it, unless a str key has it
        Object key =
            map.containsKey(part) || !part.matches("\\d{1,18}")
                ? part
                : PyDict.keyFor(map, Long.parseLong(part));
        value = key != null && map.containsKey(key) ? NullsAsNone.wrap(map.get(key)) : null;
      } else if (value instanceof List<?> list && part.chars().allMatch(Character::isDigit)) {
        int index = Integer.parseInt(part);
        value = index < list.size() ? NullsAsNone.wrap(list.get(index)) : null;
      } else if (value != null) {
        value = interpreter == null ? null : interpreter.resolveProperty(value, part);
      }
      if (value == null) {
        return null;
      }
    }
    return value;
  }

  /** A filter's {@code attribute} argument; None, as in Jinja2, is no attribute. */
  private static Object attributeArgument(PyArguments a, int index) {
    Object attribute = a.get(index, "attribute", null);
    return attribute == PyNone.NONE ? null : attribute;
  }

  static Object required(Object value, Object item, String attribute) {
    if (value == null) {
      throw new PyException(
          "UndefinedError",
          "'" + PyValues.typeName(item) + " object' has no attribute '" + attribute + "'");
    }
    return value;
  }

  static Object groupby(Object value, PyArguments a) {
    String attribute = PyValues.str(a.get(0, "attribute", ""));
    Object fallback = a.get(1, "default", null);
    boolean caseSensitive = PyValues.truth(a.get(2, "case_sensitive", false));
    Map<Object, List<Object>> groups = new LinkedHashMap<>();
    List<Object> items = list(value);
    List<Object> keys = new ArrayList<>();
    for (Object item : items) {
      Object key = attribute(item, attribute, JinjavaInterpreter.getCurrent());
      key = key == null ? required(fallback, item, attribute) : key;
      keys.add(key);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    order.sort(
        (x, y) ->
            PyValues.compare(
                sortKey(keys.get(x), caseSensitive), sortKey(keys.get(y), caseSensitive), "<"));
    List<Object> result = new ArrayList<>();
    Object currentKey = null;
    List<Object> current = null;
    for (int i : order) {
      Object key = sortKey(keys.get(i), caseSensitive);
      if (current == null || !PyValues.eq(key, currentKey)) {
        current = new ArrayList<>();
        currentKey = key;
        result.add(new JinjaFilters.Group(caseSensitive ? keys.get(i) : keys.get(i), current));
      }
      current.add(items.get(i));
    }
    return result;
  }

  static Object join(Object value, PyArguments a) {
    String separator = PyValues.str(a.get(0, "d", ""));
    Object attribute = attributeArgument(a, 1);
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (Object item : PyMethods.iterate(value)) {
      if (i++ > 0) {
        out.append(separator);
      }
      Object shown =
          attribute == null
              ? item
              : required(
                  attribute(item, PyValues.str(attribute), JinjavaInterpreter.getCurrent()),
                  item,
                  PyValues.str(attribute));
      String text = PyValues.str(NullsAsNone.wrap(shown));
      RenderLimits.checkString("join", (long) out.length() + text.length());
      out.append(text);
    }
    return out.toString();
  }

  static Object extreme(Object value, PyArguments a, boolean max) {
    boolean caseSensitive = PyValues.truth(a.get(0, "case_sensitive", false));
    Object attribute = attributeArgument(a, 1);
    Object best = null;
    Object bestKey = null;
    for (Object item : list(value)) {
      Object key =
          attribute == null
              ? item
              : required(
                  attribute(item, PyValues.str(attribute), JinjavaInterpreter.getCurrent()),
                  item,
                  PyValues.str(attribute));
      key = sortKey(key, caseSensitive);
      if (best == null || PyValues.compare(key, bestKey, max ? ">" : "<") * (max ? 1 : -1) > 0) {
        best = item;
        bestKey = key;
      }
    }
    if (best == null) {
      throw new PyException("UndefinedError", "No aggregated item, sequence was empty.");
    }
    return best;
  }

  static Object reverse(Object value, PyArguments a) {
    if (value instanceof CharSequence s) {
      return new StringBuilder(s).reverse().toString();
    }
    List<Object> items = list(value);
    Collections.reverse(items);
    return items;
  }

  static Object sort(Object value, PyArguments a) {
    boolean reverse = PyValues.truth(a.get(0, "reverse", false));
    boolean caseSensitive = PyValues.truth(a.get(1, "case_sensitive", false));
    Object attribute = attributeArgument(a, 2);
    List<Object> items = list(value);
    List<String> attributes =
        attribute == null ? List.of() : List.of(PyValues.str(attribute).split(","));
    Function<Object, Object> key =
        item -> {
          if (attributes.isEmpty()) {
            return sortKey(item, caseSensitive);
          }
          List<Object> parts = new ArrayList<>();
          for (String part : attributes) {
            parts.add(
                sortKey(
                    required(
                        attribute(item, part.strip(), JinjavaInterpreter.getCurrent()),
                        item,
                        part.strip()),
                    caseSensitive));
          }
          return parts.size() == 1 ? parts.get(0) : new PyTuple(parts);
        };
    Comparator<Object> order = (x, y) -> PyValues.compare(key.apply(x), key.apply(y), "<");
    items.sort(reverse ? order.reversed() : order);
    return items;
  }

  static Object sum(Object value, PyArguments a) {
    Object attribute = attributeArgument(a, 0);
    Object total = a.get(1, "start", 0L);
    for (Object item : list(value)) {
      Object term =
          attribute == null
              ? item
              : required(
                  attribute(item, PyValues.str(attribute), JinjavaInterpreter.getCurrent()),
                  item,
                  PyValues.str(attribute));
      total = PyOperators.ADD.apply(total, term);
    }
    return total;
  }

  static Object unique(Object value, PyArguments a) {
    boolean caseSensitive = PyValues.truth(a.get(0, "case_sensitive", false));
    Object attribute = attributeArgument(a, 1);
    List<Object> seen = new ArrayList<>();
    List<Object> result = new ArrayList<>();
    for (Object item : list(value)) {
      Object key =
          attribute == null
              ? item
              : required(
                  attribute(item, PyValues.str(attribute), JinjavaInterpreter.getCurrent()),
                  item,
                  PyValues.str(attribute));
      key = sortKey(key, caseSensitive);
      boolean duplicate = false;
      for (Object s : seen) {
        if (PyValues.eq(s, key)) {
          duplicate = true;
          break;
        }
      }
      if (!duplicate) {
        seen.add(key);
        result.add(item);
      }
    }
    return result;
  }
}
