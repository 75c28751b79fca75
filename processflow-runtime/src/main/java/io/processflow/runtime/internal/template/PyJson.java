package io.processflow.runtime.internal.template;

import io.processflow.runtime.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as Jinja2's {@code tojson} writes it: Python's {@code json.dumps(value, sort_keys=True,
 * indent=indent)} (separators {@code ", "} and {@code ": "}, non-ASCII escaped, floats as Python
 * prints them), then {@code <}, {@code >}, {@code &} and {@code '} escaped for HTML. A date-time is
 * written as its isoformat and a Java object (a record output) as its JSON form, where Python would
 * refuse them.
 */
final class PyJson {
  private PyJson() {}

  static String htmlSafe(Object value, Object indent) {
    String pad =
        indent == null || indent == PyNone.NONE
            ? null
            : indent instanceof CharSequence s
                ? s.toString()
                : " ".repeat((int) PyValues.bigInt(indent).longValue());
    StringBuilder out = new StringBuilder();
    write(out, value, pad, 0);
    return out.toString()
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027");
  }

  /** A dict key as Python's json writes it: a str, an int or float as text, a bool, or None. */
  private static String jsonKey(Object key) {
    if (key instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (key == null || key == PyNone.NONE) {
      return "null";
    }
    if (key instanceof CharSequence || PyValues.isNumber(key)) {
      return PyValues.str(key);
    }
    throw PyException.typeError(
        "keys must be str, int, float, bool or None, not " + PyValues.typeName(key));
  }

  private static void write(StringBuilder out, Object value, String pad, int depth) {
    if (value == null || value == PyNone.NONE) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (PyValues.isFloat(value)) {
      double d = PyValues.toDouble(value);
      out.append(
          Double.isNaN(d)
              ? "NaN"
              : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyValues.floatRepr(d));
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof CharSequence s) {
      string(out, s.toString());
    } else if (value instanceof AirflowDateTime || value instanceof PyDate) {
      string(out, value instanceof AirflowDateTime date ? date.isoformat() : value.toString());
    } else if (value instanceof Map<?, ?> map) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      entries.sort((x, y) -> PyValues.compare(x.getKey(), y.getKey(), "<"));
      out.append('{');
      int i = 0;
      for (Map.Entry<?, ?> entry : entries) {
        separator(out, pad, depth + 1, i++ > 0);
        string(out, jsonKey(entry.getKey()));
        out.append(": ");
        write(out, entry.getValue(), pad, depth + 1);
      }
      close(out, pad, depth, i > 0);
      out.append('}');
    } else if (value instanceof PyView || value instanceof PyTime) {
      throw notSerializable(value);
    } else if (value instanceof Iterable<?> items) {
      out.append('[');
      int i = 0;
      for (Object item : items) {
        separator(out, pad, depth + 1, i++ > 0);
        write(out, item, pad, depth + 1);
      }
      close(out, pad, depth, i > 0);
      out.append(']');
    } else {
      // A Java object (a record output): its JSON form as ProcessFlow journals it, then as above.
      Object tree;
      try {
        tree = Json.mapper().convertValue(value, Object.class);
      } catch (IllegalArgumentException e) {
        throw notSerializable(value);
      }
      if (tree == null || tree.getClass() == value.getClass()) {
        throw notSerializable(value);
      }
      write(out, tree, pad, depth);
    }
  }

  private static PyException notSerializable(Object value) {
    return PyException.typeError(
        "Object of type " + PyValues.typeName(value) + " is not JSON serializable");
  }

  private static void separator(StringBuilder out, String pad, int depth, boolean notFirst) {
    if (pad == null) {
      if (notFirst) {
        out.append(", ");
      }
      return;
    }
    if (notFirst) {
      out.append(',');
    }
    out.append('\n').append(pad.repeat(depth));
  }

  private static void close(StringBuilder out, String pad, int depth, boolean any) {
    if (pad != null && any) {
      out.append('\n').append(pad.repeat(depth));
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
