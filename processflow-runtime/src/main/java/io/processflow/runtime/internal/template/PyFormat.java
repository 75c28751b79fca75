package io.processflow.runtime.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's string formatting: {@code '%s-%05.1f' % (a, b)} and {@code '{:,}'.format(n)} with the
 * format-spec mini-language ({@code [[fill]align][sign][#][0][width][,|_][.precision][type]}).
 */
final class PyFormat {
  private PyFormat() {}

  /** {@code format % args}: a tuple gives the arguments, a dict names them, else one argument. */
  static String percent(String format, Object args) {
    List<?> positional =
        args instanceof PyTuple tuple ? tuple : List.of(args == null ? PyNone.NONE : args);
    Map<?, ?> mapping = args instanceof Map<?, ?> map ? map : null;
    StringBuilder out = new StringBuilder();
    int next = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i >= format.length()) {
        throw PyException.valueError("incomplete format");
      }
      Object value = null;
      boolean named = false;
      if (format.charAt(i) == '(') {
        int close = format.indexOf(')', i);
        if (close < 0 || mapping == null) {
          throw PyException.typeError("format requires a mapping");
        }
        String key = format.substring(i + 1, close);
        if (!mapping.containsKey(key)) {
          throw new PyException("KeyError", "'" + key + "'");
        }
        value = mapping.get(key);
        named = true;
        i = close + 1;
      }
      StringBuilder flags = new StringBuilder();
      while (i < format.length() && "-+ 0#".indexOf(format.charAt(i)) >= 0) {
        flags.append(format.charAt(i++));
      }
      int start = i;
      while (i < format.length()
          && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
        i++;
      }
      String widthPrecision = format.substring(start, i);
      if (i >= format.length()) {
        throw PyException.valueError("incomplete format");
      }
      char type = format.charAt(i++);
      if (type == '%') {
        out.append('%');
        continue;
      }
      if (!named) {
        if (next >= positional.size()) {
          throw PyException.typeError("not enough arguments for format string");
        }
        value = positional.get(next++);
      }
      String align = flags.indexOf("-") >= 0 ? "<" : ">";
      String sign = flags.indexOf("+") >= 0 ? "+" : flags.indexOf(" ") >= 0 ? " " : "";
      boolean zero = flags.indexOf("0") >= 0 && flags.indexOf("-") < 0;
      String width =
          widthPrecision.contains(".")
              ? widthPrecision.substring(0, widthPrecision.indexOf('.'))
              : widthPrecision;
      String precision =
          widthPrecision.contains(".") ? widthPrecision.substring(widthPrecision.indexOf('.')) : "";
      switch (type) {
        case 's' -> out.append(pad(truncate(PyValues.str(value), precision), align, ' ', width));
        case 'r', 'a' ->
            out.append(pad(truncate(PyValues.repr(value), precision), align, ' ', width));
        case 'd', 'i', 'u' ->
            out.append(
                spec(
                    toInt(value, type),
                    new Spec(align, ' ', sign, false, zero, width, "", "", 'd')));
        default -> {
          if ("feEgGxXoc".indexOf(type) < 0) {
            throw PyException.valueError(
                "unsupported format character '" + type + "' at index " + (i - 1));
          }
          Object number = "xXoc".indexOf(type) >= 0 ? toInt(value, type) : toNumber(value, type);
          out.append(
              spec(
                  number,
                  new Spec(
                      align,
                      ' ',
                      sign,
                      flags.indexOf("#") >= 0,
                      zero,
                      width,
                      "",
                      precision.isEmpty() && "fFeEgG".indexOf(type) >= 0 ? ".6" : precision,
                      type)));
        }
      }
    }
    if (!named(format) && next < positional.size() && mapping == null) {
      throw PyException.typeError("not all arguments converted during string formatting");
    }
    return out.toString();
  }

  private static boolean named(String format) {
    return format.contains("%(");
  }

  private static String truncate(String s, String precision) {
    if (precision.isEmpty()) {
      return s;
    }
    int n = Integer.parseInt(precision.substring(1).isEmpty() ? "0" : precision.substring(1));
    return s.length() > n ? s.substring(0, n) : s;
  }

  private static Object toInt(Object value, char type) {
    if (PyValues.isInt(value)) {
      return PyValues.bigInt(value);
    }
    if (PyValues.isFloat(value) && type != 'x' && type != 'X' && type != 'o' && type != 'c') {
      return new BigDecimal(PyValues.toDouble(value)).setScale(0, RoundingMode.DOWN).toBigInteger();
    }
    throw PyException.typeError(
        "%" + type + " format: a real number is required, not " + PyValues.typeName(value));
  }

  private static Object toNumber(Object value, char type) {
    if (PyValues.isNumber(value)) {
      return PyValues.toDouble(value);
    }
    throw PyException.typeError("must be real number, not " + PyValues.typeName(value));
  }

  /** Python's {@code format(value, spec)}. */
  static String formatSpec(Object value, String spec) {
    int i = 0;
    char fill = ' ';
    String align = "";
    if (spec.length() >= 2 && "<>^=".indexOf(spec.charAt(1)) >= 0) {
      fill = spec.charAt(0);
      align = String.valueOf(spec.charAt(1));
      i = 2;
    } else if (!spec.isEmpty() && "<>^=".indexOf(spec.charAt(0)) >= 0) {
      align = String.valueOf(spec.charAt(0));
      i = 1;
    }
    String sign = "";
    if (i < spec.length() && "+- ".indexOf(spec.charAt(i)) >= 0) {
      sign = spec.charAt(i) == '-' ? "" : String.valueOf(spec.charAt(i));
      i++;
    }
    boolean alternate = false;
    if (i < spec.length() && spec.charAt(i) == '#') {
      alternate = true;
      i++;
    }
    boolean zero = false;
    if (i < spec.length() && spec.charAt(i) == '0') {
      zero = true;
      i++;
    }
    int start = i;
    while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
      i++;
    }
    String width = spec.substring(start, i);
    String grouping = "";
    if (i < spec.length() && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
      grouping = String.valueOf(spec.charAt(i++));
    }
    String precision = "";
    if (i < spec.length() && spec.charAt(i) == '.') {
      start = i++;
      while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
        i++;
      }
      precision = spec.substring(start, i);
    }
    char type = i < spec.length() ? spec.charAt(i++) : 0;
    if (i < spec.length()) {
      throw PyException.valueError("Invalid format specifier '" + spec + "'");
    }
    if (value instanceof CharSequence || !PyValues.isNumber(value)) {
      if (type != 0 && type != 's') {
        throw PyException.valueError(
            "Unknown format code '"
                + type
                + "' for object of type '"
                + PyValues.typeName(value)
                + "'");
      }
      String text = truncate(PyValues.str(value), precision);
      return pad(text, align.isEmpty() ? "<" : align, fill, width);
    }
    Object number =
        value instanceof Boolean b && type == 0 ? (Object) (b ? "True" : "False") : value;
    if (number instanceof String s) {
      return pad(s, align.isEmpty() ? "<" : align, fill, width);
    }
    if (type == 0 && PyValues.isInt(value)) {
      type = 'd';
    }
    if (PyValues.isInt(value) && "dxXobc".indexOf(type) >= 0) {
      number = PyValues.bigInt(value);
    } else if ("eEfFgG%".indexOf(type) >= 0 || type == 0) {
      number = PyValues.toDouble(value);
    } else {
      throw PyException.valueError(
          "Unknown format code '"
              + type
              + "' for object of type '"
              + PyValues.typeName(value)
              + "'");
    }
    return spec(
        number,
        new Spec(
            align.isEmpty() ? ">" : align,
            fill,
            sign,
            alternate,
            zero && align.isEmpty(),
            width,
            grouping,
            precision,
            type));
  }

  /**
   * How to format one number: alignment ({@code <>^=}) and fill, sign, alternate form ({@code #}:
   * {@code 0x}, {@code 0o}, {@code 0b}), zero padding, width, grouping ({@code ,} or {@code _}),
   * precision ({@code .N}) and type.
   */
  private record Spec(
      String align,
      char fill,
      String sign,
      boolean alternate,
      boolean zero,
      String width,
      String grouping,
      String precision,
      char type) {}

  /** A number formatted as {@code spec} says. */
  private static String spec(Object number, Spec spec) {
    char type = spec.type();
    String grouping = spec.grouping();
    String precision = spec.precision();
    String prefix = "";
    String body;
    boolean negative;
    if (number instanceof BigInteger n) {
      negative = n.signum() < 0;
      BigInteger abs = n.abs();
      body =
          switch (type) {
            case 'x' -> abs.toString(16);
            case 'X' -> abs.toString(16).toUpperCase(Locale.ROOT);
            case 'o' -> abs.toString(8);
            case 'b' -> abs.toString(2);
            case 'c' -> new String(Character.toChars(abs.intValue()));
            default -> group(abs.toString(), grouping);
          };
      if (spec.alternate() && "xXob".indexOf(type) >= 0) {
        prefix = "0" + type;
      }
    } else {
      double d = (Double) number;
      negative = d < 0 || (d == 0 && 1 / d < 0);
      double abs = Math.abs(d);
      int digits = precision.isEmpty() ? -1 : Integer.parseInt(precision.substring(1));
      body =
          switch (type) {
            case 'f', 'F' -> fixed(abs, digits < 0 ? 6 : digits, grouping);
            case '%' -> fixed(abs * 100, digits < 0 ? 6 : digits, grouping) + "%";
            case 'e', 'E' -> {
              String e = scientific(abs, digits < 0 ? 6 : digits);
              yield type == 'E' ? e.toUpperCase(Locale.ROOT) : e;
            }
            case 'g', 'G' -> general(abs, digits < 0 ? 6 : Math.max(digits, 1));
            default -> digits < 0 ? groupRepr(abs, grouping) : general(abs, Math.max(digits, 1));
          };
      if (Double.isInfinite(d)) {
        body = "inf";
      }
    }
    String signText = (negative ? "-" : spec.sign()) + prefix;
    int w = spec.width().isEmpty() ? 0 : Integer.parseInt(spec.width());
    if ((spec.zero() || spec.align().equals("=")) && signText.length() + body.length() < w) {
      // Zero padding, and '=' with its fill: between the sign (and 0x) and the digits.
      char between = spec.zero() ? '0' : spec.fill();
      body = String.valueOf(between).repeat(w - signText.length() - body.length()) + body;
    }
    return pad(signText + body, spec.align(), spec.fill(), spec.width());
  }

  /** A float's repr, its whole part grouped ({@code '{:,}'.format(1234.5)} is 1,234.5). */
  private static String groupRepr(double value, String grouping) {
    String repr = PyValues.floatRepr(value);
    return repr.indexOf('e') >= 0 || !Character.isDigit(repr.charAt(0))
        ? repr
        : groupWhole(repr, grouping);
  }

  private static String fixed(double value, int digits, String grouping) {
    return groupWhole(
        new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString(), grouping);
  }

  /** A plain decimal, its whole part (before the point) grouped. */
  private static String groupWhole(String text, String grouping) {
    int dot = text.indexOf('.');
    String whole = dot < 0 ? text : text.substring(0, dot);
    return group(whole, grouping) + (dot < 0 ? "" : text.substring(dot));
  }

  private static String scientific(double value, int digits) {
    if (value == 0) {
      return String.format(Locale.ROOT, "%." + digits + "fe+00", 0.0);
    }
    BigDecimal exact = new BigDecimal(value);
    BigDecimal rounded = exact.round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(digits, RoundingMode.HALF_EVEN);
    return mantissa.toPlainString()
        + "e"
        + (exponent < 0 ? "-" : "+")
        + (Math.abs(exponent) < 10 ? "0" : "")
        + Math.abs(exponent);
  }

  private static String general(double value, int digits) {
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded =
        new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    String text;
    if (exponent >= -4 && exponent < digits) {
      text =
          rounded
              .setScale(Math.max(digits - 1 - exponent, 0), RoundingMode.HALF_EVEN)
              .toPlainString();
      if (text.contains(".")) {
        text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return text;
    }
    String e = scientific(value, digits - 1);
    String mantissa = e.substring(0, e.indexOf('e'));
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return mantissa + e.substring(e.indexOf('e'));
  }

  private static String group(String digits, String separator) {
    if (separator.isEmpty()) {
      return digits;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        out.append(separator);
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }

  static String pad(String text, String align, char fill, String width) {
    int w = width.isEmpty() ? 0 : Integer.parseInt(width);
    int missing = w - text.codePointCount(0, text.length());
    if (missing <= 0) {
      return text;
    }
    String f = String.valueOf(fill);
    return switch (align) {
      case "<" -> text + f.repeat(missing);
      case "^" -> f.repeat(missing / 2) + text + f.repeat(missing - missing / 2);
      default -> f.repeat(missing) + text;
    };
  }
}
