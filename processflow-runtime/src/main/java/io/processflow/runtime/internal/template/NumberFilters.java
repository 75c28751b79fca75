package io.processflow.runtime.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Jinja2's number filters: {@code abs}, {@code float}, {@code int}, {@code round}, {@code
 * filesizeformat}.
 */
final class NumberFilters {
  private NumberFilters() {}

  static Object number(Object value, String filter) {
    if (!PyValues.isNumber(value)) {
      throw PyException.typeError(
          "bad operand type for " + filter + "(): '" + PyValues.typeName(value) + "'");
    }
    return value;
  }

  static Object abs(Object value) {
    return PyValues.isFloat(value)
        ? (Object) Math.abs(PyValues.toDouble(value))
        : PyValues.intResult(PyValues.bigInt(value).abs());
  }

  static Object filesizeformat(Object value, PyArguments a) {
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

  static Object toFloat(Object value, PyArguments a) {
    Object fallback = a.get(0, "default", 0.0);
    if (PyValues.isNumber(value)) {
      return PyValues.toDouble(value);
    }
    if (value instanceof CharSequence s) {
      // Python's float(): any case of inf, infinity and nan, and any Unicode decimal digits
      String text = asciiDigits(s.toString().strip().replace("_", "")).toLowerCase(Locale.ROOT);
      try {
        if (text.matches(
            "[+-]?(\\d+\\.?\\d*(e[+-]?\\d+)?|\\.\\d+(e[+-]?\\d+)?|inf|infinity|nan)")) {
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

  private static String asciiDigits(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    c > 127 && Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
                        ? '0' + Character.digit(c, 10)
                        : c));
    return out.toString();
  }

  /** Python's int() of a float: truncated; infinity overflows, and NaN is no number. */
  private static Object truncated(double d, Object fallback) {
    if (Double.isInfinite(d)) {
      throw new PyException("OverflowError", "cannot convert float infinity to integer");
    }
    return Double.isNaN(d)
        ? fallback
        : PyValues.intResult(new BigDecimal(d).setScale(0, RoundingMode.DOWN).toBigInteger());
  }

  static Object toInt(Object value, PyArguments a) {
    Object fallback = a.get(0, "default", 0L);
    int base = (int) a.getLong(1, "base", 10);
    if (PyValues.isInt(value)) {
      return PyValues.intResult(PyValues.bigInt(value));
    }
    if (PyValues.isFloat(value)) {
      return truncated(PyValues.toDouble(value), fallback);
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
        return f instanceof Double d ? truncated(d, fallback) : fallback;
      }
    }
    return fallback;
  }

  static Object round(Object value, PyArguments a) {
    number(value, "round");
    int precision = (int) a.getLong(0, "precision", 0);
    String method = PyValues.str(a.get(1, "method", "common"));
    double d = PyValues.toDouble(value);
    switch (method) {
      case "common" -> {
        if (PyValues.isInt(value)) {
          // Python's round(int, ndigits): the int itself, or to tens, hundreds... when negative.
          BigInteger n = PyValues.bigInt(value);
          return PyValues.intResult(
              precision >= 0
                  ? n
                  : new BigDecimal(n).setScale(precision, RoundingMode.HALF_EVEN).toBigInteger());
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return d;
        }
        // The float's exact value, rounded half to even as Python's round; -0.5 gives -0.0.
        double rounded =
            new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
        return rounded == 0 ? Math.copySign(0.0, d) : rounded;
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
}
