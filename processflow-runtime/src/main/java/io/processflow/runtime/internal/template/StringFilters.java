package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.SafeString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's string filters: escaping, {@code indent}, {@code title}, {@code truncate}, {@code
 * urlencode}, {@code striptags}, {@code xmlattr}.
 */
final class StringFilters {
  private StringFilters() {}

  private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)");

  static SafeString escape(Object value) {
    if (value instanceof SafeString safe) {
      return safe;
    }
    String s = PyValues.str(value);
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&#34;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return new SafeString(out.toString());
  }

  static Object indent(Object value, PyArguments a) {
    Object width = a.get(0, "width", 4L);
    String indention =
        width instanceof CharSequence s
            ? s.toString()
            : " ".repeat((int) PyValues.bigInt(width).longValue());
    boolean first = PyValues.truth(a.get(1, "first", false));
    boolean blank = PyValues.truth(a.get(2, "blank", false));
    @SuppressWarnings("unchecked")
    List<Object> lines =
        (List<Object>) PyMethods.invoke(PyValues.str(value) + "\n", "splitlines", new Object[0]);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = (String) lines.get(i);
      if (i > 0) {
        out.append('\n');
        if (blank || !line.isEmpty()) {
          out.append(indention);
        }
      }
      out.append(line);
    }
    return (first ? indention : "") + out;
  }

  static String title(String s) {
    StringBuilder out = new StringBuilder();
    Matcher m = WORD_BEGINNING.matcher(s);
    int start = 0;
    while (m.find()) {
      out.append(capitalizeWord(s.substring(start, m.start()))).append(m.group());
      start = m.end();
    }
    out.append(capitalizeWord(s.substring(start)));
    return out.toString();
  }

  private static String capitalizeWord(String word) {
    return word.isEmpty()
        ? word
        : word.substring(0, 1).toUpperCase(Locale.ROOT)
            + word.substring(1).toLowerCase(Locale.ROOT);
  }

  static Object truncate(Object value, PyArguments a) {
    String s = PyValues.str(value);
    int length = (int) a.getLong(0, "length", 255);
    boolean killwords = PyValues.truth(a.get(1, "killwords", false));
    String end = PyValues.str(a.get(2, "end", "..."));
    Object leewayArgument = a.get(3, "leeway", PyNone.NONE);
    long leeway = leewayArgument == PyNone.NONE ? 5 : PyValues.bigInt(leewayArgument).longValue();
    int size = s.codePointCount(0, s.length());
    if (size <= length + leeway) {
      return s;
    }
    String head = s.substring(0, s.offsetByCodePoints(0, Math.max(0, length - end.length())));
    if (killwords) {
      return head + end;
    }
    int space = head.lastIndexOf(' ');
    return (space < 0 ? head : head.substring(0, space)) + end;
  }

  static String urlencode(Object value) {
    if (value instanceof CharSequence
        || !(value instanceof Iterable<?> || value instanceof Map<?, ?>)) {
      return quote(PyValues.str(value), false);
    }
    Iterable<?> items =
        value instanceof Map<?, ?> map
            ? (List<?>) PyMethods.invoke(map, "items", new Object[0])
            : (Iterable<?>) value;
    StringBuilder out = new StringBuilder();
    for (Object item : items) {
      List<?> pair = (List<?>) item;
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(quote(PyValues.str(pair.get(0)), true))
          .append('=')
          .append(quote(PyValues.str(pair.get(1)), true));
    }
    return out.toString();
  }

  private static String quote(String s, boolean forQuery) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "_.-~".indexOf(c) >= 0
          || (!forQuery && c == '/')) {
        out.append((char) c);
      } else if (forQuery && c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static final Pattern TAGS = Pattern.compile("(<!--.*?-->|<[^>]*>)", Pattern.DOTALL);

  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");

  /** markupsafe's striptags: tags and comments removed, whitespace collapsed, entities decoded. */
  static String striptags(String s) {
    String text = String.join(" ", TAGS.matcher(s).replaceAll("").trim().split("\\s+"));
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String decoded =
          switch (e) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default ->
                new String(
                    Character.toChars(
                        e.startsWith("#x") || e.startsWith("#X")
                            ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1))));
          };
      m.appendReplacement(out, Matcher.quoteReplacement(decoded));
    }
    m.appendTail(out);
    return out.toString();
  }

  static Object xmlattr(Object value, PyArguments a) {
    if (!(value instanceof Map<?, ?> map)) {
      return JinjaFilters.fail("xmlattr", value);
    }
    boolean autospace = PyValues.truth(a.get(0, "autospace", true));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getValue() == null || entry.getValue() == PyNone.NONE) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(escape(entry.getKey())).append("=\"").append(escape(entry.getValue())).append('"');
    }
    String attributes = (autospace && out.length() > 0 ? " " : "") + out;
    // Markup only where autoescape is on, as in Jinja2: elsewhere a str, printed as one in a list.
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    return interpreter != null && interpreter.getContext().isAutoEscape()
        ? new SafeString(attributes)
        : attributes;
  }
}
