package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.Namespace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's {@code pprint} filter, Python's {@code pprint.pformat(value)}: the repr with dict keys
 * sorted, and when it is wider than 80 columns, dicts, lists and tuples one item a line (indented
 * under their bracket) and long strings split at spaces into adjacent literals.
 */
final class PrettyPrint {
  private static final int WIDTH = 80;
  private static final Pattern WORD_AND_SPACE =
      Pattern.compile("\\S*\\s*", Pattern.UNICODE_CHARACTER_CLASS);

  private final StringBuilder out = new StringBuilder();

  /** The repr of each container printed so far, by identity. */
  private final Map<Object, String> reprs = new IdentityHashMap<>();

  /** The containers whose repr is being computed, to refuse one that contains itself. */
  private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

  private PrettyPrint() {}

  static String pformat(Object value) {
    PrettyPrint printer = new PrettyPrint();
    printer.format(value, 0, 0, 1);
    return printer.out.toString();
  }

  /**
   * Writes {@code value} starting at column {@code indent}, leaving {@code allowance} columns for
   * what closes after it; {@code level} is 1 at the top.
   */
  private void format(Object value, int indent, int allowance, int level) {
    String repr = repr(value);
    if (length(repr) <= WIDTH - indent - allowance) {
      out.append(repr);
    } else if (value instanceof Map<?, ?> map && !(value instanceof Namespace) && !map.isEmpty()) {
      out.append('{');
      List<Map.Entry<?, ?>> entries = sorted(map);
      int inner = indent + 1;
      for (int i = 0; i < entries.size(); i++) {
        boolean last = i == entries.size() - 1;
        String key = repr(entries.get(i).getKey());
        out.append(key).append(": ");
        format(
            entries.get(i).getValue(),
            inner + length(key) + 2,
            last ? allowance + 1 : 1,
            level + 1);
        if (!last) {
          out.append(",\n").append(" ".repeat(inner));
        }
      }
      out.append('}');
    } else if (value instanceof PyTuple tuple
        && !tuple.isEmpty()
        && !(value instanceof PyIsoCalendarDate)) {
      String end = tuple.size() == 1 ? ",)" : ")";
      out.append('(');
      items(tuple, indent, allowance + end.length(), level);
      out.append(end);
    } else if (value instanceof List<?> list && !(value instanceof PyView) && !list.isEmpty()) {
      out.append('[');
      items(list, indent, allowance + 1, level);
      out.append(']');
    } else if (value instanceof CharSequence text && text.length() > 0) {
      string(text.toString(), indent, allowance, level);
    } else {
      out.append(repr);
    }
  }

  private void items(List<?> items, int indent, int allowance, int level) {
    int inner = indent + 1;
    for (int i = 0; i < items.size(); i++) {
      boolean last = i == items.size() - 1;
      if (i > 0) {
        out.append(",\n").append(" ".repeat(inner));
      }
      format(items.get(i), inner, last ? allowance : 1, level + 1);
    }
  }

  /** A long string as adjacent literals, split after spaces (in parentheses at the top). */
  private void string(String text, int indent, int allowance, int level) {
    if (level == 1) {
      indent++;
      allowance++;
    }
    List<String> chunks = new ArrayList<>();
    List<Object> lines = PyStrMethods.splitlines(text, true);
    for (int i = 0; i < lines.size(); i++) {
      String line = (String) lines.get(i);
      boolean lastLine = i == lines.size() - 1;
      int room = WIDTH - indent - (lastLine ? allowance : 0);
      if (length(repr(line)) <= room) {
        chunks.add(repr(line));
        continue;
      }
      List<String> parts = new ArrayList<>();
      Matcher m = WORD_AND_SPACE.matcher(line);
      while (m.find()) {
        if (!m.group().isEmpty()) {
          parts.add(m.group());
        }
      }
      String current = "";
      for (int j = 0; j < parts.size(); j++) {
        String candidate = current + parts.get(j);
        int partRoom = WIDTH - indent - (lastLine && j == parts.size() - 1 ? allowance : 0);
        if (length(repr(candidate)) > partRoom) {
          if (!current.isEmpty()) {
            chunks.add(repr(current));
          }
          current = parts.get(j);
        } else {
          current = candidate;
        }
      }
      if (!current.isEmpty()) {
        chunks.add(repr(current));
      }
    }
    if (chunks.size() == 1) {
      out.append(repr(text));
      return;
    }
    out.append(level == 1 ? "(" : "");
    out.append(String.join("\n" + " ".repeat(indent), chunks));
    out.append(level == 1 ? ")" : "");
  }

  /**
   * Python's repr with dict keys sorted, as pprint prints on one line; each container's is computed
   * once ({@link #reprs}), not again at each level that prints it.
   */
  private String repr(Object value) {
    boolean container = value instanceof Map<?, ?> || value instanceof List<?>;
    if (!container
        || value instanceof Namespace
        || value instanceof PyView
        || value instanceof PyIsoCalendarDate) {
      return PyValues.repr(value);
    }
    String known = reprs.get(value);
    if (known != null) {
      return known;
    }
    if (!open.add(value)) {
      throw PyException.valueError(
          "pprint cannot print a "
              + PyValues.typeName(value)
              + " that contains itself (Python prints <Recursion on "
              + PyValues.typeName(value)
              + " with id=...>, an address)");
    }
    StringBuilder b = new StringBuilder();
    if (value instanceof Map<?, ?> map) {
      b.append('{');
      for (Map.Entry<?, ?> entry : sorted(map)) {
        b.append(b.length() > 1 ? ", " : "").append(repr(entry.getKey())).append(": ");
        b.append(repr(entry.getValue()));
        RenderLimits.checkString("pprint", b.length());
      }
      b.append('}');
    } else {
      List<?> list = (List<?>) value;
      b.append(value instanceof PyTuple ? "(" : "[");
      for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
        b.append(repr(it.next())).append(it.hasNext() ? ", " : "");
        RenderLimits.checkString("pprint", b.length());
      }
      b.append(value instanceof PyTuple ? (list.size() == 1 ? ",)" : ")") : "]");
    }
    open.remove(value);
    String repr = b.toString();
    reprs.put(value, repr);
    return repr;
  }

  private static List<Map.Entry<?, ?>> sorted(Map<?, ?> map) {
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    entries.sort(
        (a, b) -> {
          try {
            return PyValues.compare(a.getKey(), b.getKey(), "<");
          } catch (RuntimeException e) {
            return PyValues.typeName(a.getKey()).compareTo(PyValues.typeName(b.getKey()));
          }
        });
    return entries;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
