package io.processflow.api.internal;

import io.processflow.api.ParamType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of typed params that need no JSON library: parsing scalar values, the shape of a
 * declaration (enums, bounds, default) and the words of the errors. Shared by the processor, which
 * checks declarations at compile time, and the runtime, which checks them when a DAG is built and
 * parses every run's values. Internal: not for direct use.
 */
public final class ParamRules {
  private ParamRules() {}

  /**
   * A problem with one part of a declaration: {@code value}, {@code enums}, {@code minimum}, {@code
   * maximum}.
   */
  public record Problem(String field, String message) {}

  /** What a value of {@code type} looks like, for error messages. */
  public static String expected(ParamType type) {
    return switch (type) {
      case STRING -> "a string";
      case INTEGER -> "an integer (a whole number such as 100)";
      case NUMBER -> "a number such as 0.25";
      case BOOLEAN -> "true or false";
      case ARRAY -> "a JSON array such as [\"a\", 1]";
      case OBJECT -> "a JSON object such as {\"key\": 1}";
    };
  }

  /**
   * {@code text} as a scalar of {@code type}: a {@link String}, {@link Long}, {@link Double} or
   * {@link Boolean}; {@code null} when it is not one. Arrays and objects are the caller's (JSON).
   */
  public static Object parseScalar(ParamType type, String text) {
    String trimmed = text.strip();
    switch (type) {
      case STRING:
        return text;
      case INTEGER:
        try {
          return Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
        } catch (NumberFormatException e) {
          return null;
        }
      case NUMBER:
        if (!trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
          return null;
        }
        double parsed = Double.parseDouble(trimmed);
        return Double.isFinite(parsed) ? parsed : null;
      case BOOLEAN:
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : null;
      default:
        throw new IllegalArgumentException(type + " is not a scalar type");
    }
  }

  /** True when {@code type} is a number type, to which bounds apply. */
  public static boolean isNumeric(ParamType type) {
    return type == ParamType.INTEGER || type == ParamType.NUMBER;
  }

  /** The range a bounded value must lie in, for messages: {@code at least 1 and at most 10}. */
  public static String range(double minimum, double maximum) {
    List<String> parts = new ArrayList<>(2);
    if (minimum != Double.NEGATIVE_INFINITY) {
      parts.add("at least " + number(minimum));
    }
    if (maximum != Double.POSITIVE_INFINITY) {
      parts.add("at most " + number(maximum));
    }
    return String.join(" and ", parts);
  }

  /** {@code 1} for 1.0, {@code 0.5} for 0.5: bounds as the author wrote them. */
  public static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  /**
   * The problems of a declaration whose scalar values are known as text: enums and bounds that do
   * not fit the type, {@code minimum > maximum}, an enum value or a default that does not parse,
   * lies outside the bounds or is not one of the enums, an array or object default that is not
   * JSON. {@code defaultValue} is {@code null} when the param has no default.
   */
  public static List<Problem> check(
      String name,
      ParamType type,
      String defaultValue,
      List<String> enums,
      double minimum,
      double maximum) {
    List<Problem> problems = new ArrayList<>();
    boolean bounded = minimum != Double.NEGATIVE_INFINITY || maximum != Double.POSITIVE_INFINITY;
    if (bounded && !isNumeric(type)) {
      problems.add(
          new Problem(
              minimum != Double.NEGATIVE_INFINITY ? "minimum" : "maximum",
              "param '"
                  + name
                  + "' is "
                  + type
                  + "; minimum and maximum apply to integer and number params only"));
      bounded = false;
    }
    if (Double.isNaN(minimum) || Double.isNaN(maximum)) {
      problems.add(
          new Problem(
              Double.isNaN(minimum) ? "minimum" : "maximum",
              "param '" + name + "' has a NaN bound; give a number"));
      bounded = false;
    } else if (minimum > maximum) {
      problems.add(
          new Problem(
              "minimum",
              "param '"
                  + name
                  + "' has minimum "
                  + number(minimum)
                  + " above its maximum "
                  + number(maximum)
                  + "; swap them"));
      bounded = false;
    }
    if (!enums.isEmpty()
        && (type == ParamType.BOOLEAN || type == ParamType.ARRAY || type == ParamType.OBJECT)) {
      problems.add(
          new Problem(
              "enums",
              "param '"
                  + name
                  + "' is "
                  + type
                  + "; enums apply to string, integer and number params only"));
      return problems;
    }
    List<Object> allowed = new ArrayList<>();
    for (String text : enums) {
      Object value = parseScalar(type, text);
      if (value == null) {
        problems.add(
            new Problem(
                "enums",
                "enum value '" + text + "' of param '" + name + "' is not " + expected(type)));
      } else {
        allowed.add(value);
        if (bounded && !inRange(value, minimum, maximum)) {
          problems.add(
              new Problem(
                  "enums",
                  "enum value '"
                      + text
                      + "' of param '"
                      + name
                      + "' is outside its range: it must be "
                      + range(minimum, maximum)));
        }
      }
    }
    if (defaultValue == null) {
      return problems;
    }
    if (type == ParamType.ARRAY || type == ParamType.OBJECT) {
      String trimmed = defaultValue.strip();
      char open = type == ParamType.ARRAY ? '[' : '{';
      if (!trimmed.startsWith(String.valueOf(open)) || !JsonSyntax.isValid(trimmed)) {
        problems.add(
            new Problem(
                "value",
                "default '"
                    + defaultValue
                    + "' of param '"
                    + name
                    + "' is not "
                    + expected(type)
                    + "; fix it, or leave value empty to make the param required"));
      }
      return problems;
    }
    Object value = parseScalar(type, defaultValue);
    if (value == null) {
      problems.add(
          new Problem(
              "value",
              "default '"
                  + defaultValue
                  + "' of param '"
                  + name
                  + "' is not "
                  + expected(type)
                  + (type == ParamType.STRING
                      ? ""
                      : "; fix it, or leave value empty to make the param required")));
    } else if (bounded && !inRange(value, minimum, maximum)) {
      problems.add(
          new Problem(
              "value",
              "default "
                  + defaultValue
                  + " of param '"
                  + name
                  + "' must be "
                  + range(minimum, maximum)));
    } else if (!allowed.isEmpty() && !allowed.contains(value)) {
      problems.add(
          new Problem(
              "value",
              "default '"
                  + defaultValue
                  + "' of param '"
                  + name
                  + "' is not one of its enums "
                  + enums));
    }
    return problems;
  }

  /** True when the number {@code value} lies within the bounds. */
  public static boolean inRange(Object value, double minimum, double maximum) {
    if (!(value instanceof Number number)) {
      return true;
    }
    if (value instanceof Long l) {
      // Compare longs exactly where the bound is a whole number (doubles lose precision past 2^53).
      return (minimum == Double.NEGATIVE_INFINITY || l >= Math.ceil(minimum))
          && (maximum == Double.POSITIVE_INFINITY || l <= Math.floor(maximum));
    }
    double d = number.doubleValue();
    return d >= minimum && d <= maximum;
  }
}
