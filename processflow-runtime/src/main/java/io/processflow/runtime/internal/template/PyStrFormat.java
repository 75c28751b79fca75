package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Python's {@code str.format(*args, **kwargs)} as Jinja2's sandbox runs it: fields by position,
 * automatic numbering or name, then attributes and items ({@code {0[key]}}, {@code {row[0][name]}},
 * {@code {d.year}}; a missing one fails), a conversion ({@code !r}, {@code !s}) and a format spec
 * ({@link PyFormat#formatSpec}) that may hold fields of its own ({@code {:>{width}}}).
 */
final class PyStrFormat {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

  private final PyArguments args;

  /** The next automatic field number ({@code {}}). */
  private int auto;

  /** Whether a field was numbered by hand ({@code {0}}): the two kinds do not mix. */
  private boolean manual;

  private PyStrFormat(PyArguments args) {
    this.args = args;
  }

  static String format(String template, Object[] arguments) {
    return new PyStrFormat(new PyArguments("format", arguments)).render(template, 2);
  }

  /** {@code text} with its fields replaced; {@code depth} is how many levels may still nest. */
  private String render(String text, int depth) {
    StringBuilder rendered = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
        rendered.append(c);
        i += 2;
      } else if (c == '}') {
        throw PyException.valueError("Single '}' encountered in format string");
      } else if (c == '{') {
        if (depth == 0) {
          throw PyException.valueError("Max string recursion exceeded");
        }
        int close = fieldEnd(text, i + 1);
        rendered.append(field(text.substring(i + 1, close), depth));
        i = close + 1;
      } else {
        rendered.append(c);
        i++;
      }
    }
    return rendered.toString();
  }

  /** The index of the brace that ends the field starting at {@code from}. */
  private static int fieldEnd(String text, int from) {
    int level = 1;
    boolean inBrackets = false;
    boolean inName = true;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inName && c == '[') {
        inBrackets = true;
      } else if (inBrackets) {
        inBrackets = c != ']';
      } else if (c == ':' || c == '!') {
        inName = false;
      } else if (c == '{') {
        level++;
      } else if (c == '}' && --level == 0) {
        return i;
      }
    }
    throw PyException.valueError(
        inBrackets ? "Missing ']' in format string" : "expected '}' before end of string");
  }

  /** One field, {@code name[!conversion][:spec]}, formatted. */
  private String field(String field, int depth) {
    int end = nameEnd(field);
    String name = field.substring(0, end);
    String rest = field.substring(end);
    char conversion = 0;
    if (rest.startsWith("!")) {
      if (rest.length() < 2 || rest.length() > 2 && rest.charAt(2) != ':') {
        throw PyException.valueError("expected ':' after conversion specifier");
      }
      conversion = rest.charAt(1);
      rest = rest.substring(2);
    }
    Object value = lookup(name);
    String spec = rest.startsWith(":") ? render(rest.substring(1), depth - 1) : "";
    value =
        switch (conversion) {
          case 0 -> value;
          case 'r' -> PyValues.repr(value);
          case 'a' -> ascii(PyValues.repr(value));
          case 's' -> PyValues.str(value);
          default -> throw PyException.valueError("Unknown conversion specifier " + conversion);
        };
    return PyFormat.formatSpec(value, spec);
  }

  private static int nameEnd(String field) {
    boolean inBrackets = false;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (inBrackets) {
        inBrackets = c != ']';
      } else if (c == '[') {
        inBrackets = true;
      } else if (c == ':' || c == '!') {
        return i;
      }
    }
    return field.length();
  }

  /** The value a field name ({@code 0}, {@code name}, {@code 0[key].attr}, empty) names. */
  private Object lookup(String name) {
    int end = 0;
    while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
      end++;
    }
    String first = name.substring(0, end);
    Object value;
    if (first.isEmpty()) {
      if (manual) {
        throw PyException.valueError(
            "cannot switch from manual field specification to automatic field numbering");
      }
      value = positional(auto++);
    } else if (first.chars().allMatch(Character::isDigit)) {
      if (auto > 0) {
        throw PyException.valueError(
            "cannot switch from automatic field numbering to manual field specification");
      }
      manual = true;
      value = positional(Integer.parseInt(first));
    } else if (args.named.containsKey(first)) {
      value = NullsAsNone.wrap(args.named.get(first));
    } else {
      throw new PyException("KeyError", "'" + first + "'");
    }
    int i = end;
    while (i < name.length()) {
      if (name.charAt(i) == '.') {
        int next = i + 1;
        while (next < name.length() && name.charAt(next) != '.' && name.charAt(next) != '[') {
          next++;
        }
        value = attribute(value, nonEmpty(name.substring(i + 1, next)));
        i = next;
      } else {
        int close = name.indexOf(']', i);
        if (close < 0) {
          throw PyException.valueError("Missing ']' in format string");
        }
        String key = nonEmpty(name.substring(i + 1, close));
        value =
            key.chars().allMatch(Character::isDigit) && !key.isEmpty()
                ? item(value, Integer.parseInt(key), key)
                : item(value, key, key);
        i = close + 1;
        if (i < name.length() && name.charAt(i) != '.' && name.charAt(i) != '[') {
          throw PyException.valueError("Only '.' or '[' may follow ']' in format field specifier");
        }
      }
    }
    return value;
  }

  private static String nonEmpty(String attribute) {
    if (attribute.isEmpty()) {
      throw PyException.valueError("Empty attribute in format string");
    }
    return attribute;
  }

  /** Python's {@code ascii()} of a repr: what is not ASCII as {@code \\xe9}, {@code \\u20ac}. */
  private static String ascii(String repr) {
    StringBuilder out = new StringBuilder(repr.length());
    repr.codePoints()
        .forEach(
            c -> {
              if (c < 0x80) {
                out.appendCodePoint(c);
              } else if (c < 0x100) {
                out.append(String.format("\\x%02x", c));
              } else if (c < 0x10000) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append(String.format("\\U%08x", c));
              }
            });
    return out.toString();
  }

  private Object positional(int index) {
    if (index >= args.positional.size()) {
      throw new PyException(
          "IndexError", "Replacement index " + index + " out of range for positional args tuple");
    }
    return NullsAsNone.wrap(args.positional.get(index));
  }

  /** Jinja2's getitem: the item, else (for a string key) the attribute, else undefined. */
  private static Object item(Object value, Object key, String written) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (PyValues.eq(entry.getKey(), key)) {
          return NullsAsNone.wrap(entry.getValue());
        }
      }
    } else if (key instanceof Integer index && value instanceof List<?> list) {
      if (index < list.size()) {
        return NullsAsNone.wrap(list.get(index));
      }
    } else if (key instanceof Integer index && value instanceof String s) {
      if (index < s.codePointCount(0, s.length())) {
        return s.substring(s.offsetByCodePoints(0, index), s.offsetByCodePoints(0, index + 1));
      }
    }
    if (key instanceof String name && !(value instanceof Map<?, ?>)) {
      return attribute(value, name);
    }
    throw new PyException(
        "UndefinedError", PyValues.typeName(value) + " object has no element " + written);
  }

  /** Jinja2's getattr: the attribute, else (for a dict) the item, else undefined. */
  private static Object attribute(Object value, String name) {
    if (value instanceof Map<?, ?> map) {
      if (map.containsKey(name)) {
        return NullsAsNone.wrap(map.get(name));
      }
    } else if (IDENTIFIER.matcher(name).matches()) {
      // Only a name is an attribute: Jinjava would read {0.1} and {0[-1]} of a list as items.
      JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
      Object found = interpreter == null ? null : interpreter.resolveProperty(value, name);
      if (found != null) {
        return found;
      }
    }
    throw new PyException(
        "UndefinedError",
        "'" + PyValues.typeName(value) + " object' has no attribute '" + name + "'");
  }
}
