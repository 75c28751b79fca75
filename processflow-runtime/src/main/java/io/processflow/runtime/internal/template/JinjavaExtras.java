package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Jinjava offers that Jinja2, as Airflow sets it up, lacks: its own global functions ({@code
 * today()}, {@code type(x)}, ...), filters ({@code md5}, {@code split}, {@code regex_replace},
 * {@code render}, ...), tests ({@code is truthy}, {@code is within}, ...) and tags ({@code unless},
 * {@code ifchanged}, {@code cycle}, and {@code break}/{@code continue}, which Airflow does not
 * enable). They are disabled, so a template that renders here renders in Airflow too; the filters
 * are unknown filters, as in Jinja2. Among them is {@code render}, which rendered a value as a
 * template ({@code {{ '{{7*7}}'|render }}} printed 49): a param or an output could inject template
 * code.
 */
public final class JinjavaExtras {
  private JinjavaExtras() {}

  /** Jinja2 3.1's built-in filters. */
  private static final Set<String> JINJA2_FILTERS =
      Set.of(
          "abs",
          "attr",
          "batch",
          "capitalize",
          "center",
          "count",
          "d",
          "default",
          "dictsort",
          "e",
          "escape",
          "filesizeformat",
          "first",
          "float",
          "forceescape",
          "format",
          "groupby",
          "indent",
          "int",
          "items",
          "join",
          "last",
          "length",
          "list",
          "lower",
          "map",
          "max",
          "min",
          "pprint",
          "random",
          "reject",
          "rejectattr",
          "replace",
          "reverse",
          "round",
          "safe",
          "select",
          "selectattr",
          "slice",
          "sort",
          "string",
          "striptags",
          "sum",
          "title",
          "tojson",
          "trim",
          "truncate",
          "unique",
          "upper",
          "urlencode",
          "urlize",
          "wordcount",
          "wordwrap",
          "xmlattr");

  /** Jinja2 3.1's built-in tests. */
  private static final Set<String> JINJA2_TESTS =
      Set.of(
          "boolean",
          "callable",
          "defined",
          "divisibleby",
          "eq",
          "equalto",
          "escaped",
          "even",
          "false",
          "filter",
          "float",
          "ge",
          "gt",
          "greaterthan",
          "in",
          "integer",
          "iterable",
          "le",
          "lessthan",
          "lower",
          "lt",
          "mapping",
          "ne",
          "none",
          "number",
          "odd",
          "sameas",
          "sequence",
          "string",
          "test",
          "true",
          "undefined",
          "upper",
          "==",
          "!=",
          ">",
          ">=",
          "<",
          "<=");

  /** Jinjava's tags that Airflow's Jinja2 (with only the {@code do} extension) does not have. */
  private static final Set<String> NOT_JINJA2_TAGS =
      Set.of("unless", "ifchanged", "cycle", "break", "continue");

  /** What a plain Jinjava knows: read once, for the three sets below. */
  private static final Context JINJAVA = new Jinjava().getGlobalContext();

  /** Jinjava's filters Jinja2 lacks, by name. */
  public static final Set<String> FILTERS =
      extras(JINJAVA.getAllFilters().stream().map(Filter::getName).toList(), JINJA2_FILTERS);

  /** Jinjava's tests Jinja2 lacks, by name. */
  static final Set<String> TESTS =
      extras(JINJAVA.getAllExpTests().stream().map(ExpTest::getName).toList(), JINJA2_TESTS);

  /**
   * Jinja2's global functions Jinjava has too, and Jinjava's {@code super()} of template
   * inheritance; the others ({@code today()}, {@code datetimeformat(...)}, {@code type(...)}, ...)
   * are Jinjava's own.
   */
  private static final Set<String> JINJA2_FUNCTIONS = Set.of("range", "namespace", "super");

  /** Jinjava's global functions Jinja2 lacks, by their full names ({@code :today}). */
  private static final Set<String> FUNCTIONS =
      extras(
          JINJAVA.getAllFunctions().stream()
              .filter(f -> !JINJA2_FUNCTIONS.contains(f.getLocalName()))
              .map(ELFunctionDefinition::getName)
              .toList(),
          Set.of());

  /** What to disable, as {@code JinjavaConfig.withDisabled} takes it. */
  public static Map<Context.Library, Set<String>> disabled() {
    return Map.of(
        Context.Library.FILTER, FILTERS,
        Context.Library.EXP_TEST, TESTS,
        Context.Library.TAG, NOT_JINJA2_TAGS,
        Context.Library.FUNCTION, FUNCTIONS);
  }

  private static Set<String> extras(List<String> names, Set<String> jinja2) {
    Set<String> extras = new TreeSet<>(names);
    extras.removeAll(jinja2);
    return Set.copyOf(extras);
  }
}
