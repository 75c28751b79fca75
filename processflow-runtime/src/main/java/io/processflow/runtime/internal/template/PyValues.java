package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.Namespace;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import io.processflow.runtime.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Python's view of the Java values templates handle: {@code str()} and {@code repr()} (booleans
 * {@code True}, floats as Python's shortest repr, strings quoted as Python quotes them inside
 * containers, tuples), truth, {@code ==} and ordering, and the type names errors use.
 */
public final class PyValues {
  private PyValues() {}

  /** Python's {@code str(value)}: what {@code {{ value }}} prints. */
  static String str(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof SafeString s) {
      return s.toString();
    }
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    if (value instanceof PyView
        || value instanceof AirflowDateTime
        || value instanceof PyDate
        || value instanceof PyTime
        || value instanceof PyTimedelta) {
      return value.toString();
    }
    return repr(value);
  }

  /** Python's {@code repr(value)}: how {@code value} prints inside a list or a dict. */
  static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    appendRepr(out, value, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out.toString();
  }

  /**
   * Appends {@code repr(value)}; {@code open} holds the containers being printed, so that one
   * inside itself prints as Python prints it: {@code {...}}, {@code [...]}.
   */
  private static void appendRepr(StringBuilder out, Object value, Set<Object> open) {
    boolean container =
        value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Namespace;
    if (container && !open.add(value)) {
      out.append(value instanceof Map<?, ?> ? "{...}" : value instanceof List<?> ? "[...]" : "...");
      return;
    }
    try {
      appendValue(out, value, open);
    } finally {
      if (container) {
        open.remove(value);
      }
    }
  }

  private static void appendValue(StringBuilder out, Object value, Set<Object> open) {
    if (value == null || value == PyNone.NONE) {
      out.append("None");
    } else if (value instanceof Boolean b) {
      out.append(b ? "True" : "False");
    } else if (value instanceof Double || value instanceof Float) {
      out.append(floatRepr(((Number) value).doubleValue()));
    } else if (value instanceof BigDecimal d) {
      out.append(floatRepr(d.doubleValue()));
    } else if (value instanceof SafeString markup) {
      out.append("Markup(");
      appendQuoted(out, markup.toString());
      out.append(')');
    } else if (value instanceof CharSequence s) {
      appendQuoted(out, s.toString());
    } else if (value instanceof Character c) {
      appendQuoted(out, c.toString());
    } else if (value instanceof PyIsoCalendarDate iso) {
      out.append(iso.repr());
    } else if (value instanceof PyTime time) {
      out.append(time.repr());
    } else if (value instanceof PyTuple tuple) {
      out.append('(');
      appendItems(out, tuple.iterator(), open);
      out.append(tuple.size() == 1 ? ",)" : ")");
    } else if (value instanceof PyView view) {
      view.appendRepr(out, () -> appendItems(out, view.iterator(), open));
    } else if (value instanceof AirflowDateTime dateTime) {
      out.append(dateTime.repr());
    } else if (value instanceof PyDate date) {
      out.append(date.repr());
    } else if (value instanceof PyTimedelta delta) {
      out.append(delta.repr());
    } else if (value instanceof Namespace namespace) {
      out.append("<Namespace ");
      appendRepr(out, new LinkedHashMap<>(namespace), open);
      out.append('>');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        appendRepr(out, entry.getKey(), open);
        out.append(": ");
        appendRepr(out, entry.getValue(), open);
        checkLength(out);
      }
      out.append('}');
    } else if (value instanceof Map.Entry<?, ?> entry) {
      out.append('(');
      appendRepr(out, entry.getKey(), open);
      out.append(", ");
      appendRepr(out, entry.getValue(), open);
      out.append(')');
    } else if (value instanceof List<?> list) {
      out.append('[');
      appendItems(out, list.iterator(), open);
      out.append(']');
    } else if (value instanceof Collection<?> set) {
      out.append(set.isEmpty() ? "set()" : "{");
      if (!set.isEmpty()) {
        appendItems(out, set.iterator(), open);
        out.append('}');
      }
    } else if (value instanceof Object[] array) {
      appendRepr(out, List.of(array), open);
    } else if (value instanceof PyishSerializable pyish) {
      try {
        pyish.appendPyishString(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (value.getClass().isRecord()) {
      // A record output prints as the dict it is journaled as, as an XCom dict prints in Airflow.
      appendRepr(out, Json.mapper().convertValue(value, Map.class), open);
    } else {
      out.append(value);
    }
  }

  private static void appendItems(StringBuilder out, Iterator<?> items, Set<Object> open) {
    boolean first = true;
    while (items.hasNext()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      appendRepr(out, items.next(), open);
      checkLength(out);
    }
  }

  /** Stops printing a value whose repr outgrows the render's output bound, before the heap. */
  private static void checkLength(StringBuilder out) {
    RenderLimits.checkString("printing a value", out.length());
  }

  /** Python's string repr: single quotes unless the text has one and no double quote. */
  static void appendQuoted(StringBuilder out, String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\').append((char) c);
          } else if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    }
    out.append(quote);
  }

  /** Python's {@code repr(float)}: {@code 1e-07}, {@code 1e+20}, {@code 1234567890.0}. */
  public static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = shortest(d).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= -5 + 1 && exponent < 16) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    StringBuilder out = new StringBuilder();
    if (d < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    out.append(abs < 10 ? "0" + abs : Integer.toString(abs));
    return out.toString();
  }

  /**
   * The shortest decimal that reads back as {@code d}, and of those the nearest, as Python's repr
   * prints (JDK 17's {@code Double.toString} can give a digit more: 1.2345678901234568e+18 is
   * 1.23456789012345677E18 there, and 5e-324 is 4.9E-324).
   */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal best = null;
      for (RoundingMode mode :
          new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal candidate = exact.round(new MathContext(digits, mode));
        if (candidate.doubleValue() == d
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return exact;
  }

  /**
   * Python's truth of {@code value}: false for None (null), {@code false}, zero, and an empty
   * string, collection, map or array (Python's list); an {@code Optional} is its value's truth,
   * false when empty. Templates' {@code if} and short circuits (Airflow's {@code if condition:})
   * both decide with it.
   */
  public static boolean truth(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.isPresent() && truth(optional.get());
    }
    if (value == null || value == PyNone.NONE) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return isFloat(n) ? n.doubleValue() != 0 : signum(n) != 0;
    }
    if (value instanceof CharSequence s) {
      return s.length() > 0;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (value instanceof HasObjectTruthValue t) {
      return t.getObjectTruthValue();
    }
    if (value.getClass().isArray()) {
      return Array.getLength(value) > 0;
    }
    return true;
  }

  /** Python's type name of {@code value}, for messages. */
  static String typeName(Object value) {
    if (value == null || value == PyNone.NONE) {
      return "NoneType";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Number n) {
      return isFloat(n) ? "float" : "int";
    }
    if (value instanceof CharSequence) {
      return "str";
    }
    if (value instanceof SafeString) {
      return "Markup";
    }
    if (value instanceof PyIsoCalendarDate) {
      return "IsoCalendarDate";
    }
    if (value instanceof PyTuple) {
      return "tuple";
    }
    if (value instanceof PyTime time) {
      return time.pythonType();
    }
    if (value instanceof PyView view) {
      return view.type();
    }
    if (value instanceof List<?>) {
      return "list";
    }
    if (value instanceof Map<?, ?>) {
      return "dict";
    }
    if (value instanceof AirflowDateTime) {
      return "datetime";
    }
    if (value instanceof PendulumInterval) {
      return "Interval";
    }
    if (value instanceof PyTimedelta) {
      return "timedelta";
    }
    if (value instanceof ContextObject airflow) {
      return airflow.pythonType();
    }
    return value.getClass().getSimpleName();
  }

  // --- numbers: Long, BigInteger or Double; booleans count as 1 and 0 ---

  static boolean isNumber(Object value) {
    return value instanceof Number || value instanceof Boolean;
  }

  static boolean isFloat(Object n) {
    return n instanceof Double || n instanceof Float || n instanceof BigDecimal;
  }

  static boolean isInt(Object value) {
    return isNumber(value) && !isFloat(value);
  }

  /** An int as a BigInteger. */
  static BigInteger bigInt(Object value) {
    if (value instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (value instanceof BigInteger big) {
      return big;
    }
    return BigInteger.valueOf(((Number) value).longValue());
  }

  static double toDouble(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) value).doubleValue();
  }

  /** An int result: a Long when it fits, else a BigInteger. */
  static Number intResult(BigInteger value) {
    return value.bitLength() < 64 ? (Number) value.longValue() : value;
  }

  private static int signum(Number n) {
    return n instanceof BigInteger big ? big.signum() : Long.signum(n.longValue());
  }

  // --- comparisons ---

  /** A sequence's type for equality: an IsoCalendarDate is a tuple (a subclass of it). */
  private static String sequenceType(Object sequence) {
    return sequence instanceof PyTuple ? "tuple" : typeName(sequence);
  }

  /** Python's {@code a == b}. */
  static boolean eq(Object a, Object b) {
    a = a == null ? PyNone.NONE : a;
    b = b == null ? PyNone.NONE : b;
    if (a == b) {
      return true;
    }
    if (isNumber(a) && isNumber(b)) {
      if (isFloat(a) || isFloat(b)) {
        return toDouble(a) == toDouble(b);
      }
      return bigInt(a).equals(bigInt(b));
    }
    if ((a instanceof CharSequence || a instanceof SafeString)
        && (b instanceof CharSequence || b instanceof SafeString)) {
      return a.toString().equals(b.toString()); // markup is a str subclass in Python
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (!sequenceType(a).equals(sequenceType(b)) || x.size() != y.size()) {
        return false;
      }
      if (a instanceof PyView view && view.type().startsWith("dict_")) {
        // Keys and items compare as sets; values only as the same object, as in Python.
        return !view.type().equals("dict_values")
            && x.stream().allMatch(item -> y.stream().anyMatch(other -> eq(item, other)));
      }
      for (int i = 0; i < x.size(); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!y.containsKey(entry.getKey()) || !eq(entry.getValue(), y.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** Python's ordering of {@code a} and {@code b}; a TypeError for values Python cannot order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b, String operator) {
    if (isNumber(a) && isNumber(b)) {
      if (isFloat(a) || isFloat(b)) {
        return Double.compare(toDouble(a), toDouble(b));
      }
      return bigInt(a).compareTo(bigInt(b));
    }
    if (a instanceof CharSequence && b instanceof CharSequence) {
      return a.toString().compareTo(b.toString());
    }
    if (a instanceof List<?> x
        && b instanceof List<?> y
        && (a instanceof PyTuple) == (b instanceof PyTuple)) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return compare(x.get(i), y.get(i), operator);
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (a instanceof PyTimedelta x && b instanceof PyTimedelta y) {
      return x.compareTo(y); // an Interval is a timedelta too
    }
    if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    throw PyException.typeError(
        "'"
            + operator
            + "' not supported between instances of '"
            + typeName(a)
            + "' and '"
            + typeName(b)
            + "'");
  }
}
