package io.processflow.runtime.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's built-in filters with Jinja2's semantics, replacing Jinjava's where they differ: {@code
 * round} rounds as Python and gives a float, {@code sort}/{@code unique}/{@code max}/ {@code min}
 * ignore case unless told, {@code slice} and {@code batch} fill as Jinja2 does, {@code escape}
 * writes {@code &#34;}, {@code tojson} writes what Jinja2 writes (sorted keys, {@code ", "} and
 * {@code ": "}, ASCII), {@code length} counts code points, {@code string} and {@code join} print
 * values as Python does, and so on.
 */
final class JinjaFilters {
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)");

  private JinjaFilters() {}

  static List<Filter> all() {
    List<Filter> filters = new ArrayList<>();
    filters.add(filter("abs", (v, a) -> abs(number(v, "abs"))));
    filters.add(filter("batch", JinjaFilters::batch));
    filters.add(filter("slice", JinjaFilters::slice));
    filters.add(
        filter(
            "capitalize",
            (v, a) -> PyMethods.invoke(PyValues.str(v), "capitalize", new Object[0])));
    filters.add(
        filter(
            "center",
            (v, a) ->
                PyMethods.invoke(
                    PyValues.str(v), "center", new Object[] {a.get(0, "width", 80L)})));
    filters.add(filter("length", (v, a) -> (long) PyMethods.size(v)));
    filters.add(filter("count", (v, a) -> (long) PyMethods.size(v)));
    filters.add(filter("dictsort", JinjaFilters::dictsort));
    filters.add(new DefaultFilter("default"));
    filters.add(new DefaultFilter("d"));
    filters.add(filter("escape", (v, a) -> escape(v)));
    filters.add(filter("e", (v, a) -> escape(v)));
    filters.add(filter("filesizeformat", JinjaFilters::filesizeformat));
    filters.add(filter("first", (v, a) -> first(v)));
    filters.add(filter("last", (v, a) -> last(v)));
    filters.add(filter("float", JinjaFilters::toFloat));
    filters.add(filter("int", JinjaFilters::toInt));
    filters.add(
        filter(
            "format",
            (v, a) ->
                PyFormat.percent(
                    PyValues.str(v), a.named.isEmpty() ? new PyTuple(a.positional) : a.named)));
    filters.add(filter("groupby", JinjaFilters::groupby));
    filters.add(filter("indent", JinjaFilters::indent));
    filters.add(
        filter(
            "items",
            (v, a) ->
                v instanceof Map<?, ?>
                    ? PyMethods.invoke(v, "items", new Object[0])
                    : fail("items", v)));
    filters.add(filter("join", JinjaFilters::join));
    filters.add(filter("list", (v, a) -> list(v)));
    filters.add(filter("lower", (v, a) -> PyValues.str(v).toLowerCase(Locale.ROOT)));
    filters.add(filter("upper", (v, a) -> PyValues.str(v).toUpperCase(Locale.ROOT)));
    filters.add(new MapFilter());
    filters.add(filter("max", (v, a) -> extreme(v, a, true)));
    filters.add(filter("min", (v, a) -> extreme(v, a, false)));
    filters.add(new SelectFilter("select", false, false));
    filters.add(new SelectFilter("reject", true, false));
    filters.add(new SelectFilter("selectattr", false, true));
    filters.add(new SelectFilter("rejectattr", true, true));
    filters.add(
        filter(
            "replace",
            (v, a) -> PyMethods.invoke(PyValues.str(v), "replace", a.positional.toArray())));
    filters.add(filter("reverse", JinjaFilters::reverse));
    filters.add(filter("round", JinjaFilters::round));
    filters.add(filter("sort", JinjaFilters::sort));
    filters.add(filter("string", (v, a) -> PyValues.str(v)));
    filters.add(filter("sum", JinjaFilters::sum));
    filters.add(filter("striptags", (v, a) -> striptags(PyValues.str(v))));
    filters.add(filter("title", (v, a) -> title(PyValues.str(v))));
    filters.add(
        filter(
            "tojson",
            (v, a) -> new SafeString(PyJson.htmlSafe(v, a.get(0, "indent", PyNone.NONE)))));
    filters.add(
        filter(
            "trim",
            (v, a) ->
                PyStrMethods.strip(PyValues.str(v), a.get(0, "chars", PyNone.NONE), true, true)));
    filters.add(filter("truncate", JinjaFilters::truncate));
    filters.add(filter("unique", JinjaFilters::unique));
    filters.add(filter("urlencode", (v, a) -> urlencode(v)));
    filters.add(
        filter(
            "wordcount",
            (v, a) -> {
              Matcher m = WORD.matcher(PyValues.str(v));
              long n = 0;
              while (m.find()) {
                n++;
              }
              return n;
            }));
    filters.add(filter("xmlattr", JinjaFilters::xmlattr));
    return filters;
  }

  /** Jinja2's tests Jinjava lacks or answers differently. */
  static List<ExpTest> tests() {
    return List.of(
        test(
            "iterable",
            v -> v instanceof CharSequence || v instanceof Iterable<?> || v instanceof Map<?, ?>),
        test("escaped", v -> v instanceof SafeString),
        test("callable", v -> v instanceof MacroFunction),
        new ExpTest() {
          @Override
          public String getName() {
            return "in";
          }

          @Override
          public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return args.length > 0 && contains(args[0], var);
          }
        });
  }

  /** Python's {@code item in container}. */
  static boolean contains(Object container, Object item) {
    if (container instanceof CharSequence s) {
      if (!(item instanceof CharSequence)) {
        throw PyException.typeError(
            "'in <string>' requires string as left operand, not " + PyValues.typeName(item));
      }
      return s.toString().contains(item.toString());
    }
    if (container instanceof Map<?, ?> map) {
      return map.containsKey(item);
    }
    for (Object element : PyMethods.iterate(container)) {
      if (PyValues.eq(element, item)) {
        return true;
      }
    }
    return false;
  }

  private interface Body {
    Object apply(Object value, PyArguments arguments);
  }

  private static Filter filter(String name, Body body) {
    return new PyFilter(name) {
      @Override
      Object apply(Object value, PyArguments arguments, JinjavaInterpreter interpreter) {
        return body.apply(value, arguments);
      }
    };
  }

  private static ExpTest test(String name, Predicate<Object> predicate) {
    return new ExpTest() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        return predicate.test(var);
      }
    };
  }

  /** A filter taking Python arguments; an undefined value fails, as with StrictUndefined. */
  abstract static class PyFilter implements Filter {
    private final String name;

    PyFilter(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    abstract Object apply(Object value, PyArguments arguments, JinjavaInterpreter interpreter);

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return filter(var, interpreter, (Object[]) args, Map.of());
    }

    @Override
    public Object filter(
        Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      if (var == null) {
        throw new PyException(
            "UndefinedError", "an undefined value was passed to the filter '" + name + "'");
      }
      List<Object> all = new ArrayList<>(List.of(args == null ? new Object[0] : args));
      kwargs.forEach((k, v) -> all.add(new NamedParameter(k, v)));
      return apply(
          var instanceof SafeString s ? s.toString() : var,
          new PyArguments(name, all.toArray()),
          interpreter);
    }
  }

  private static Object fail(String filter, Object value) {
    throw PyException.typeError(
        "the " + filter + " filter cannot take a " + PyValues.typeName(value));
  }

  private static Object number(Object value, String filter) {
    if (!PyValues.isNumber(value)) {
      throw PyException.typeError(
          "bad operand type for " + filter + "(): '" + PyValues.typeName(value) + "'");
    }
    return value;
  }

  private static Object abs(Object value) {
    return PyValues.isFloat(value)
        ? (Object) Math.abs(PyValues.toDouble(value))
        : PyValues.intResult(PyValues.bigInt(value).abs());
  }

  static List<Object> list(Object value) {
    List<Object> items = new ArrayList<>();
    for (Object item : PyMethods.iterate(value)) {
      items.add(NullsAsNone.wrap(item));
    }
    return items;
  }

  private static Object batch(Object value, PyArguments a) {
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

  private static Object slice(Object value, PyArguments a) {
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

  private static Object dictsort(Object value, PyArguments a) {
    if (!(value instanceof Map<?, ?> map)) {
      return fail("dictsort", value);
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

  private static Object filesizeformat(Object value, PyArguments a) {
    boolean binary = PyValues.truth(a.get(0, "binary", false));
    double bytes = PyValues.toDouble(toFloat(value, new PyArguments("float", new Object[0])));
    int base = binary ? 1024 : 1000;
    String[] prefixes =
        binary
            ? new String[] {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
            : new String[] {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    if (bytes == 1) {
      return "1 Byte";
    }
    if (bytes < base) {
      return (long) bytes + " Bytes";
    }
    double unit = 0;
    String prefix = "";
    for (int i = 0; i < prefixes.length; i++) {
      unit = Math.pow(base, i + 2);
      prefix = prefixes[i];
      if (bytes < unit) {
        break;
      }
    }
    return PyFormat.formatSpec(base * bytes / unit, ".1f") + " " + prefix;
  }

  private static Object first(Object value) {
    for (Object item : PyMethods.iterate(value)) {
      return NullsAsNone.wrap(item);
    }
    throw new PyException("UndefinedError", "No first item, sequence was empty.");
  }

  private static Object last(Object value) {
    List<Object> items = list(value);
    if (items.isEmpty()) {
      throw new PyException("UndefinedError", "No last item, sequence was empty.");
    }
    return items.get(items.size() - 1);
  }

  private static Object toFloat(Object value, PyArguments a) {
    Object fallback = a.get(0, "default", 0.0);
    if (PyValues.isNumber(value)) {
      return PyValues.toDouble(value);
    }
    if (value instanceof CharSequence s) {
      String text = s.toString().strip().replace("_", "");
      try {
        if (text.matches(
            "[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?|inf|infinity|nan)")) {
          return Double.parseDouble(
              text.replace("infinity", "Infinity")
                  .replace("inf", "Infinity")
                  .replace("nan", "NaN"));
        }
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  private static Object toInt(Object value, PyArguments a) {
    Object fallback = a.get(0, "default", 0L);
    int base = (int) a.getLong(1, "base", 10);
    if (PyValues.isInt(value)) {
      return PyValues.intResult(PyValues.bigInt(value));
    }
    if (PyValues.isFloat(value)) {
      return PyValues.intResult(
          new BigDecimal(PyValues.toDouble(value)).setScale(0, RoundingMode.DOWN).toBigInteger());
    }
    if (value instanceof CharSequence s) {
      String text = s.toString().strip().replace("_", "").toLowerCase(Locale.ROOT);
      boolean negative = text.startsWith("-");
      if (text.startsWith("-") || text.startsWith("+")) {
        text = text.substring(1);
      }
      int radix = base;
      if ((base == 16 || base == 0) && text.startsWith("0x")) {
        text = text.substring(2);
        radix = 16;
      } else if ((base == 8 || base == 0) && text.startsWith("0o")) {
        text = text.substring(2);
        radix = 8;
      } else if ((base == 2 || base == 0) && text.startsWith("0b")) {
        text = text.substring(2);
        radix = 2;
      } else if (base == 0) {
        radix = 10;
      }
      try {
        BigInteger parsed = new BigInteger(text, radix);
        return PyValues.intResult(negative ? parsed.negate() : parsed);
      } catch (NumberFormatException e) {
        Object f = toFloat(s, new PyArguments("float", new Object[] {PyNone.NONE}));
        if (f instanceof Double d && !d.isNaN() && !d.isInfinite()) {
          return PyValues.intResult(
              new BigDecimal(d).setScale(0, RoundingMode.DOWN).toBigInteger());
        }
        return fallback;
      }
    }
    return fallback;
  }

  /** Jinja2's {@code groupby} result: a {@code (grouper, list)} tuple with those two attributes. */
  public static final class Group extends PyTuple {
    Group(Object grouper, List<Object> list) {
      super(List.of(grouper, list));
    }

    public Object getGrouper() {
      return get(0);
    }

    public Object getList() {
      return get(1);
    }
  }

  private static Object attribute(Object item, String path, JinjavaInterpreter interpreter) {
    Object value = item;
    for (String part : path.split("\\.")) {
      if (value instanceof Map<?, ?> map) {
        value = map.containsKey(part) ? NullsAsNone.wrap(map.get(part)) : null;
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

  private static Object required(Object value, Object item, String attribute) {
    if (value == null) {
      throw new PyException(
          "UndefinedError",
          "'" + PyValues.typeName(item) + " object' has no attribute '" + attribute + "'");
    }
    return value;
  }

  private static Object groupby(Object value, PyArguments a) {
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
        result.add(new Group(caseSensitive ? keys.get(i) : keys.get(i), current));
      }
      current.add(items.get(i));
    }
    return result;
  }

  private static Object indent(Object value, PyArguments a) {
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

  private static Object join(Object value, PyArguments a) {
    String separator = PyValues.str(a.get(0, "d", ""));
    Object attribute = a.get(1, "attribute", null);
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

  private static Object extreme(Object value, PyArguments a, boolean max) {
    boolean caseSensitive = PyValues.truth(a.get(0, "case_sensitive", false));
    Object attribute = a.get(1, "attribute", null);
    Object best = null;
    Object bestKey = null;
    for (Object item : list(value)) {
      Object key =
          attribute == null
              ? item
              : attribute(item, PyValues.str(attribute), JinjavaInterpreter.getCurrent());
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

  private static Object reverse(Object value, PyArguments a) {
    if (value instanceof CharSequence s) {
      return new StringBuilder(s).reverse().toString();
    }
    List<Object> items = list(value);
    Collections.reverse(items);
    return items;
  }

  private static Object round(Object value, PyArguments a) {
    number(value, "round");
    int precision = (int) a.getLong(0, "precision", 0);
    String method = PyValues.str(a.get(1, "method", "common"));
    double d = PyValues.toDouble(value);
    switch (method) {
      case "common" -> {
        if (PyValues.isInt(value)) {
          return value instanceof Boolean ? (Object) (PyValues.bigInt(value).longValue()) : value;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return d;
        }
        return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
      }
      case "ceil", "floor" -> {
        double scale = Math.pow(10, precision);
        double scaled = d * scale;
        return (method.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
      }
      default ->
          throw new PyException("FilterArgumentError", "method must be common, ceil or floor");
    }
  }

  private static Object sort(Object value, PyArguments a) {
    boolean reverse = PyValues.truth(a.get(0, "reverse", false));
    boolean caseSensitive = PyValues.truth(a.get(1, "case_sensitive", false));
    Object attribute = a.get(2, "attribute", null);
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

  private static Object sum(Object value, PyArguments a) {
    Object attribute = a.get(0, "attribute", null);
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

  private static String title(String s) {
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

  private static Object truncate(Object value, PyArguments a) {
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

  private static Object unique(Object value, PyArguments a) {
    boolean caseSensitive = PyValues.truth(a.get(0, "case_sensitive", false));
    Object attribute = a.get(1, "attribute", null);
    List<Object> seen = new ArrayList<>();
    List<Object> result = new ArrayList<>();
    for (Object item : list(value)) {
      Object key =
          attribute == null
              ? item
              : attribute(item, PyValues.str(attribute), JinjavaInterpreter.getCurrent());
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

  private static String urlencode(Object value) {
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
  private static String striptags(String s) {
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

  private static Object xmlattr(Object value, PyArguments a) {
    if (!(value instanceof Map<?, ?> map)) {
      return fail("xmlattr", value);
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
    return new SafeString((autospace && out.length() > 0 ? " " : "") + out);
  }

  /**
   * {@code default(value='', boolean=False)}: replaces an undefined value, or with {@code boolean}
   * a false one.
   */
  private static final class DefaultFilter extends PyFilter {
    DefaultFilter(String name) {
      super(name);
    }

    @Override
    public Object filter(
        Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      List<Object> all = new ArrayList<>(List.of(args == null ? new Object[0] : args));
      kwargs.forEach((k, v) -> all.add(new NamedParameter(k, v)));
      PyArguments a = new PyArguments(getName(), all.toArray());
      Object fallback = a.get(0, "default_value", "");
      boolean onFalse = PyValues.truth(a.get(1, "boolean", false));
      if (var == null || (onFalse && !PyValues.truth(var))) {
        return fallback == null ? PyNone.NONE : fallback;
      }
      return var;
    }

    @Override
    Object apply(Object value, PyArguments arguments, JinjavaInterpreter interpreter) {
      throw new IllegalStateException("default filters itself");
    }
  }

  /** {@code map('filter', args...)} or {@code map(attribute='x', default=...)}. */
  private static final class MapFilter extends PyFilter {
    MapFilter() {
      super("map");
    }

    @Override
    Object apply(Object value, PyArguments a, JinjavaInterpreter interpreter) {
      List<Object> result = new ArrayList<>();
      if (a.named.containsKey("attribute")) {
        String attribute = PyValues.str(a.named.get("attribute"));
        Object fallback = a.named.get("default");
        for (Object item : list(value)) {
          Object found = attribute(item, attribute, interpreter);
          result.add(found == null ? required(fallback, item, attribute) : found);
        }
        return result;
      }
      if (a.positional.isEmpty()) {
        throw new PyException("FilterArgumentError", "map requires a filter argument");
      }
      String name = PyValues.str(a.positional.get(0));
      Filter filter = interpreter.getContext().getFilter(name);
      if (filter == null) {
        throw new PyException("TemplateRuntimeError", "No filter named '" + name + "' found.");
      }
      Object[] rest = a.positional.subList(1, a.positional.size()).toArray();
      for (Object item : list(value)) {
        result.add(filter.filter(item, interpreter, rest, new LinkedHashMap<>(a.named)));
      }
      return result;
    }
  }

  /** {@code select}, {@code reject}, {@code selectattr}, {@code rejectattr} with Jinja2's tests. */
  private static final class SelectFilter extends PyFilter {
    private final boolean reject;
    private final boolean byAttribute;

    SelectFilter(String name, boolean reject, boolean byAttribute) {
      super(name);
      this.reject = reject;
      this.byAttribute = byAttribute;
    }

    @Override
    Object apply(Object value, PyArguments a, JinjavaInterpreter interpreter) {
      int next = 0;
      String attribute = byAttribute ? PyValues.str(a.positional.get(next++)) : null;
      String testName = a.positional.size() > next ? PyValues.str(a.positional.get(next++)) : null;
      Object[] testArgs =
          a.positional.subList(Math.min(next, a.positional.size()), a.positional.size()).toArray();
      ExpTest test = testName == null ? null : interpreter.getContext().getExpTest(testName);
      if (testName != null && test == null) {
        throw new PyException("TemplateRuntimeError", "No test named '" + testName + "' found.");
      }
      List<Object> result = new ArrayList<>();
      for (Object item : list(value)) {
        Object subject = attribute == null ? item : attribute(item, attribute, interpreter);
        if (attribute != null && subject == null) {
          subject = null;
        }
        boolean passed =
            test == null ? PyValues.truth(subject) : test.evaluate(subject, interpreter, testArgs);
        if (passed != reject) {
          result.add(item);
        }
      }
      return result;
    }
  }

  static boolean isCollection(Object value) {
    return value instanceof Collection<?> || value instanceof Map<?, ?>;
  }
}
