package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.objects.SafeString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
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
 *
 * <p>This class registers them; the filters live by kind in {@link StringFilters}, {@link
 * CollectionFilters} and {@link NumberFilters}.
 */
final class JinjaFilters {
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  private JinjaFilters() {}

  static List<Filter> all() {
    List<Filter> filters = new ArrayList<>();
    filters.add(filter("abs", (v, a) -> NumberFilters.abs(NumberFilters.number(v, "abs"))));
    filters.add(filter("batch", CollectionFilters::batch));
    filters.add(filter("slice", CollectionFilters::slice));
    filters.add(
        markupKept(
            "capitalize",
            (v, a) -> PyMethods.invoke(PyValues.str(v), "capitalize", new Object[0])));
    filters.add(
        markupKept(
            "center",
            (v, a) ->
                PyMethods.invoke(
                    PyValues.str(v), "center", new Object[] {a.get(0, "width", 80L)})));
    filters.add(filter("length", (v, a) -> (long) PyMethods.size(v)));
    filters.add(filter("count", (v, a) -> (long) PyMethods.size(v)));
    filters.add(filter("dictsort", CollectionFilters::dictsort));
    filters.add(new DefaultFilter("default"));
    filters.add(new DefaultFilter("d"));
    filters.add(escape("escape"));
    filters.add(escape("e"));
    filters.add(filter("forceescape", (v, a) -> StringFilters.escape(v)));
    filters.add(filter("filesizeformat", NumberFilters::filesizeformat));
    filters.add(filter("first", (v, a) -> CollectionFilters.first(v)));
    filters.add(filter("last", (v, a) -> CollectionFilters.last(v)));
    filters.add(filter("float", NumberFilters::toFloat));
    filters.add(filter("int", NumberFilters::toInt));
    filters.add(
        new PyFilter("format", true) {
          @Override
          Object apply(Object value, PyArguments a, JinjavaInterpreter interpreter) {
            Object args = a.named.isEmpty() ? new PyTuple(a.positional) : a.named;
            return value instanceof SafeString markup
                ? PyOperators.percentMarkup(markup, args)
                : PyFormat.percent(PyValues.str(value), args);
          }
        });
    filters.add(filter("groupby", CollectionFilters::groupby));
    filters.add(filter("indent", StringFilters::indent));
    filters.add(
        filter(
            "items",
            (v, a) ->
                v instanceof Map<?, ?>
                    ? PyMethods.invoke(v, "items", new Object[0])
                    : fail("items", v)));
    filters.add(filter("join", CollectionFilters::join));
    filters.add(filter("list", (v, a) -> CollectionFilters.list(v)));
    filters.add(markupKept("lower", (v, a) -> PyValues.str(v).toLowerCase(Locale.ROOT)));
    filters.add(markupKept("upper", (v, a) -> PyValues.str(v).toUpperCase(Locale.ROOT)));
    filters.add(new MapFilter());
    filters.add(filter("max", (v, a) -> CollectionFilters.extreme(v, a, true)));
    filters.add(filter("min", (v, a) -> CollectionFilters.extreme(v, a, false)));
    filters.add(new SelectFilter("select", false, false));
    filters.add(new SelectFilter("reject", true, false));
    filters.add(new SelectFilter("selectattr", false, true));
    filters.add(new SelectFilter("rejectattr", true, true));
    filters.add(
        filter(
            "replace",
            (v, a) -> {
              Object count = a.get(2, "count", null);
              Object[] args =
                  count == null || count == PyNone.NONE
                      ? new Object[] {str(a.get(0, "old", null)), str(a.get(1, "new", null))}
                      : new Object[] {
                        str(a.get(0, "old", null)), str(a.get(1, "new", null)), count
                      };
              return PyMethods.invoke(PyValues.str(v), "replace", args);
            }));
    filters.add(filter("reverse", CollectionFilters::reverse));
    filters.add(filter("round", NumberFilters::round));
    filters.add(filter("sort", CollectionFilters::sort));
    filters.add(markupKept("string", (v, a) -> PyValues.str(v)));
    filters.add(filter("sum", CollectionFilters::sum));
    filters.add(filter("striptags", (v, a) -> StringFilters.striptags(PyValues.str(v))));
    filters.add(filter("title", (v, a) -> StringFilters.title(PyValues.str(v))));
    filters.add(filter("wordwrap", TextWrap::wordwrap));
    filters.add(filter("pprint", (v, a) -> PrettyPrint.pformat(v)));
    filters.add(
        new PyFilter("urlize", true) {
          @Override
          Object apply(Object value, PyArguments arguments, JinjavaInterpreter interpreter) {
            return Urlize.urlize(value, arguments);
          }
        });
    filters.add(
        filter(
            "tojson",
            (v, a) -> new SafeString(PyJson.htmlSafe(v, a.get(0, "indent", PyNone.NONE)))));
    filters.add(
        markupKept(
            "trim",
            (v, a) ->
                PyStrMethods.strip(PyValues.str(v), a.get(0, "chars", PyNone.NONE), true, true)));
    filters.add(filter("truncate", StringFilters::truncate));
    filters.add(filter("unique", CollectionFilters::unique));
    filters.add(filter("urlencode", (v, a) -> StringFilters.urlencode(v)));
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
    filters.add(filter("xmlattr", StringFilters::xmlattr));
    return filters;
  }

  /** Jinja2's tests Jinjava lacks or answers differently. */
  static List<ExpTest> tests() {
    return List.of(
        test(
            "iterable",
            v -> v instanceof CharSequence || v instanceof Iterable<?> || v instanceof Map<?, ?>),
        test("escaped", v -> v instanceof SafeString),
        named(
            "filter",
            (name, context) ->
                !JinjavaExtras.FILTERS.contains(name) && context.getFilter(name) != null),
        named(
            "test",
            (name, context) ->
                !JinjavaExtras.TESTS.contains(name) && context.getExpTest(name) != null),
        test("callable", v -> v instanceof MacroFunction),
        // Jinja2's tests as Python answers them (Jinjava's differ on booleans, floats, strings
        // with digits, dicts): upper/lower are str(value).isupper()/islower(), number counts
        // booleans, sequence is anything with a length and items, odd/even/divisibleby use %.
        test("upper", v -> (Boolean) PyMethods.invoke(PyValues.str(v), "isupper", new Object[0])),
        test("lower", v -> (Boolean) PyMethods.invoke(PyValues.str(v), "islower", new Object[0])),
        test("number", v -> PyValues.isNumber(v)),
        test(
            "sequence",
            v ->
                v instanceof CharSequence
                    || v instanceof List<?>
                    || v instanceof Map<?, ?>
                    || v instanceof PyTuple
                    || (v != null && v.getClass().isArray())),
        test("odd", v -> PyValues.eq(PyOperators.MOD.apply(v, 2L), 1L)),
        test("even", v -> PyValues.eq(PyOperators.MOD.apply(v, 2L), 0L)),
        withArgument("divisibleby", (v, n) -> PyValues.eq(PyOperators.MOD.apply(v, n), 0L)),
        withArgument("eq", PyValues::eq),
        withArgument("equalto", PyValues::eq),
        withArgument("==", PyValues::eq),
        withArgument("ne", (v, w) -> !PyValues.eq(v, w)),
        withArgument("!=", (v, w) -> !PyValues.eq(v, w)),
        withArgument("in", (v, container) -> contains(container, v)));
  }

  /** Jinja2's {@code str()} of a filter's argument (autoescape off): null stays missing. */
  private static Object str(Object value) {
    return value == null ? null : PyValues.str(value);
  }

  /** Python's {@code item in container}. */
  static boolean contains(Object container, Object item) {
    if (container instanceof CharSequence || container instanceof SafeString) {
      if (!(item instanceof CharSequence || item instanceof SafeString)) {
        throw PyException.typeError(
            "'in <string>' requires string as left operand, not " + PyValues.typeName(item));
      }
      return container.toString().contains(item.toString());
    }
    if (container instanceof Map<?, ?> map) {
      PyDict.checkHashable(item);
      return PyDict.keyFor(map, item) != null;
    }
    if (!(container instanceof Iterable<?>)
        && !PyValues.isNumber(container)
        && container != null
        && container != PyNone.NONE) {
      return false; // an object of Java's (loop): no items to find, as before Python's rules
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

  /** {@code escape}: markup ({@code | safe}, an escaped value) passes unchanged, as in Jinja2. */
  private static Filter escape(String name) {
    return new PyFilter(name) {
      @Override
      Object apply(Object value, PyArguments arguments, JinjavaInterpreter interpreter) {
        return StringFilters.escape(value);
      }

      @Override
      Object filter(Object var, JinjavaInterpreter interpreter, PyArguments arguments) {
        return var instanceof SafeString ? var : super.filter(var, interpreter, arguments);
      }
    };
  }

  /**
   * A string filter that Jinja2 runs through {@code soft_str} and a method markupsafe's {@code
   * Markup} keeps: markup in, markup out ({@code '<b>' | safe | upper | e} is {@code <B>}). The
   * others ({@code title}, {@code replace}, ...) give a plain string, as in Jinja2.
   */
  private static Filter markupKept(String name, Body body) {
    return new PyFilter(name, true) {
      @Override
      Object apply(Object value, PyArguments arguments, JinjavaInterpreter interpreter) {
        if (!(value instanceof SafeString markup)) {
          return body.apply(value, arguments);
        }
        Object result = body.apply(markup.toString(), arguments);
        return result instanceof String s ? new SafeString(s) : result;
      }
    };
  }

  private static Filter filter(String name, Body body) {
    return new PyFilter(name) {
      @Override
      Object apply(Object value, PyArguments arguments, JinjavaInterpreter interpreter) {
        return body.apply(value, arguments);
      }
    };
  }

  /** A test's answer for a value and the test's arguments. */
  @FunctionalInterface
  private interface TestBody {
    boolean test(Object value, Object[] args, JinjavaInterpreter interpreter);
  }

  /**
   * {@code is filter} and {@code is test}: whether a string names a filter (a test) templates have.
   */
  private static ExpTest named(String name, BiPredicate<String, Context> exists) {
    return expTest(
        name,
        (value, args, interpreter) ->
            value instanceof CharSequence s && exists.test(s.toString(), interpreter.getContext()));
  }

  private static ExpTest expTest(String name, TestBody body) {
    return new ExpTest() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        return body.test(var, args, interpreter);
      }
    };
  }

  private static ExpTest test(String name, Predicate<Object> predicate) {
    return expTest(name, (value, args, interpreter) -> predicate.test(value));
  }

  /** A test of a value and one argument ({@code x is divisibleby 3}). */
  private static ExpTest withArgument(String name, BiPredicate<Object, Object> predicate) {
    return expTest(
        name,
        (value, args, interpreter) -> {
          if (args.length != 1) {
            throw PyException.typeError(
                name + "() takes 1 positional argument but " + args.length + " were given");
          }
          return predicate.test(value, args[0]);
        });
  }

  /** A filter taking Python arguments; an undefined value fails, as with StrictUndefined. */
  abstract static class PyFilter implements Filter {
    private final String name;

    /** Whether {@link #apply} gets markup as it is, not as its string. */
    private final boolean takesMarkup;

    PyFilter(String name) {
      this(name, false);
    }

    PyFilter(String name, boolean takesMarkup) {
      this.name = name;
      this.takesMarkup = takesMarkup;
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
    public final Object filter(
        Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      List<Object> all = new ArrayList<>(List.of(args == null ? new Object[0] : args));
      kwargs.forEach((k, v) -> all.add(new NamedParameter(k, v)));
      return filter(var, interpreter, new PyArguments(name, all.toArray()));
    }

    /**
     * The filter with its arguments read (JinjaSignatures calls it with the ones it checked); a
     * filter that takes an undefined value or markup as it is overrides this.
     */
    Object filter(Object var, JinjavaInterpreter interpreter, PyArguments arguments) {
      if (var == null) {
        throw new PyException(
            "UndefinedError", "an undefined value was passed to the filter '" + name + "'");
      }
      return apply(
          var instanceof SafeString s && !takesMarkup ? s.toString() : var, arguments, interpreter);
    }
  }

  static Object fail(String filter, Object value) {
    throw PyException.typeError(
        "the " + filter + " filter cannot take a " + PyValues.typeName(value));
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

  /**
   * {@code default(value='', boolean=False)}: replaces an undefined value, or with {@code boolean}
   * a false one.
   */
  private static final class DefaultFilter extends PyFilter {
    DefaultFilter(String name) {
      super(name);
    }

    @Override
    Object filter(Object var, JinjavaInterpreter interpreter, PyArguments a) {
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
        for (Object item : CollectionFilters.list(value)) {
          Object found = CollectionFilters.attribute(item, attribute, interpreter);
          result.add(found == null ? CollectionFilters.required(fallback, item, attribute) : found);
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
      for (Object item : CollectionFilters.list(value)) {
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
      List<Object> given =
          new ArrayList<>(
              a.positional.subList(Math.min(next, a.positional.size()), a.positional.size()));
      a.named.forEach((k, v) -> given.add(new NamedParameter(k, v))); // select('odd', num=2)
      Object[] testArgs = given.toArray();
      ExpTest test = testName == null ? null : interpreter.getContext().getExpTest(testName);
      if (testName != null && test == null) {
        throw new PyException("TemplateRuntimeError", "No test named '" + testName + "' found.");
      }
      List<Object> result = new ArrayList<>();
      for (Object item : CollectionFilters.list(value)) {
        Object subject =
            attribute == null ? item : CollectionFilters.attribute(item, attribute, interpreter);
        boolean passed;
        if (attribute != null && subject == null) {
          // Jinja2 tests an Undefined: only the tests that answer without using the value do
          if (testName == null || !StrictUndefined.testsUndefined(testName)) {
            CollectionFilters.required(null, item, attribute);
          }
          passed = "undefined".equals(testName);
        } else {
          passed =
              test == null
                  ? PyValues.truth(subject)
                  : test.evaluate(subject, interpreter, testArgs);
        }
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
