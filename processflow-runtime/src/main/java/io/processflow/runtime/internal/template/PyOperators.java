package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;

/**
 * Python's operators for template expressions, replacing JUEL's: arithmetic on ints of any size
 * ({@code 2 ** 64}), floor division and modulo rounding toward negative infinity ({@code -7 // 2}
 * is -4), true division giving floats, {@code 1/0} an error, no silent conversions ({@code 'n' + 1}
 * is a TypeError, {@code '1' == 1} is false), {@code 'ab' * 3}, {@code '%s' % x}, list
 * concatenation, date-time arithmetic with {@code macros.timedelta}, {@code and}/{@code or}
 * returning an operand, and comparisons with Python's types. An undefined operand fails as Jinja2's
 * StrictUndefined does.
 */
enum PyOperators implements AstBinary.Operator {
  ADD("+"),
  SUB("-"),
  MUL("*"),
  DIV("/"),
  FLOOR_DIV("//"),
  MOD("%"),
  POW("**"),
  CONCAT("~"),
  EQ("=="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  AND("and"),
  OR("or"),
  IN("in"),
  NOT_IN("not in");

  /**
   * Past this many bits an int result is refused, so {@code 10 ** 10 ** 9} cannot exhaust the heap.
   */
  private static final int MAX_INT_BITS = 1 << 16;

  private final String symbol;

  PyOperators(String symbol) {
    this.symbol = symbol;
  }

  @Override
  public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
    Object a = defined(left, left.eval(bindings, context));
    if (this == AND) {
      return PyValues.truth(a) ? defined(right, right.eval(bindings, context)) : a;
    }
    if (this == OR) {
      return PyValues.truth(a) ? a : defined(right, right.eval(bindings, context));
    }
    Object b = defined(right, right.eval(bindings, context));
    return apply(a, b);
  }

  Object apply(Object a, Object b) {
    return switch (this) {
      case ADD -> add(a, b);
      case SUB -> sub(a, b);
      case MUL -> mul(a, b);
      case DIV -> trueDiv(a, b);
      case FLOOR_DIV -> floorDiv(a, b);
      case MOD -> mod(a, b);
      case POW -> pow(a, b);
      case CONCAT -> concat(PyValues.str(a), PyValues.str(b), "~");
      case EQ -> PyValues.eq(a, b);
      case NE -> !PyValues.eq(a, b);
      case LT -> PyValues.compare(a, b, symbol) < 0;
      case LE -> PyValues.compare(a, b, symbol) <= 0;
      case GT -> PyValues.compare(a, b, symbol) > 0;
      case GE -> PyValues.compare(a, b, symbol) >= 0;
      case IN -> JinjaFilters.contains(b, a);
      case NOT_IN -> !JinjaFilters.contains(b, a);
      case AND, OR -> throw new IllegalStateException("and/or evaluate lazily");
    };
  }

  private TypeErrorBuilder unsupported(Object a, Object b) {
    return new TypeErrorBuilder(symbol, a, b);
  }

  private record TypeErrorBuilder(String symbol, Object a, Object b) {
    PyException error() {
      if (a instanceof CharSequence && symbol.equals("+")) {
        return PyException.typeError(
            "can only concatenate str (not \"" + PyValues.typeName(b) + "\") to str");
      }
      return PyException.typeError(
          "unsupported operand type(s) for "
              + symbol
              + ": '"
              + PyValues.typeName(a)
              + "' and '"
              + PyValues.typeName(b)
              + "'");
    }
  }

  private Object add(Object a, Object b) {
    if (a instanceof SafeString || b instanceof SafeString) {
      return addMarkup(a, b);
    }
    if (PyValues.isNumber(a) && PyValues.isNumber(b)) {
      return PyValues.isFloat(a) || PyValues.isFloat(b)
          ? (Object) (PyValues.toDouble(a) + PyValues.toDouble(b))
          : PyValues.intResult(PyValues.bigInt(a).add(PyValues.bigInt(b)));
    }
    if (a instanceof CharSequence && b instanceof CharSequence) {
      return concat(a.toString(), b.toString(), "+");
    }
    if (a instanceof List<?> x
        && b instanceof List<?> y
        && !(a instanceof PyView || b instanceof PyView)
        && (a instanceof PyTuple) == (b instanceof PyTuple)) {
      RenderLimits.checkItems("'+'", (long) x.size() + y.size());
      List<Object> joined = new ArrayList<>(x);
      joined.addAll(y);
      return a instanceof PyTuple ? new PyTuple(joined) : joined;
    }
    if (a instanceof AirflowDateTime date && b instanceof PyTimedelta delta) {
      return date.plus(delta);
    }
    if (a instanceof PyTimedelta delta && b instanceof AirflowDateTime date) {
      return date.plus(delta);
    }
    if (a instanceof PyDate date && b instanceof PyTimedelta delta) {
      return date.plus(delta);
    }
    if (a instanceof PyTimedelta delta && b instanceof PyDate date) {
      return date.plus(delta);
    }
    if (a instanceof PyTimedelta x && b instanceof PyTimedelta y) {
      return new PyTimedelta(x.micros() + y.micros());
    }
    throw unsupported(a, b).error();
  }

  /** {@code a + b}, refused over the render's output bound ({@link RenderLimits}). */
  private static String concat(String a, String b, String symbol) {
    RenderLimits.checkString("'" + symbol + "'", (long) a.length() + b.length());
    return a + b;
  }

  private Object sub(Object a, Object b) {
    if (PyValues.isNumber(a) && PyValues.isNumber(b)) {
      return PyValues.isFloat(a) || PyValues.isFloat(b)
          ? (Object) (PyValues.toDouble(a) - PyValues.toDouble(b))
          : PyValues.intResult(PyValues.bigInt(a).subtract(PyValues.bigInt(b)));
    }
    if (a instanceof AirflowDateTime date && b instanceof PyTimedelta delta) {
      return date.plus(delta.negate());
    }
    if (a instanceof AirflowDateTime x && b instanceof AirflowDateTime y) {
      return x.minus(y);
    }
    if (a instanceof PyDate date && b instanceof PyTimedelta delta) {
      return date.minus(delta);
    }
    if (a instanceof PyTimedelta x && b instanceof PyTimedelta y) {
      return new PyTimedelta(x.micros() - y.micros());
    }
    throw unsupported(a, b).error();
  }

  /**
   * Markup ({@code | safe}) and a string, either way round: markup whose string operand is escaped
   * first, as markupsafe's {@code Markup.__add__} and {@code __radd__} make it ({@code ('<b>' |
   * safe) + '<i>'} is {@code <b>&lt;i&gt;}); anything else is Python's TypeError.
   */
  private Object addMarkup(Object a, Object b) {
    boolean textA = a instanceof CharSequence || a instanceof SafeString;
    boolean textB = b instanceof CharSequence || b instanceof SafeString;
    if (!textA || !textB) {
      throw unsupported(a, b).error();
    }
    return new SafeString(
        concat(StringFilters.escape(a).toString(), StringFilters.escape(b).toString(), "+"));
  }

  /**
   * markupsafe's {@code Markup.__mod__}, for {@code %} and the {@code format} filter: the arguments
   * escaped (unless numbers or markup), the result markup.
   */
  static SafeString percentMarkup(SafeString markup, Object arguments) {
    RenderLimits.checkFormatWidths(markup.toString());
    return new SafeString(PyFormat.percent(markup.toString(), escapedArguments(arguments)));
  }

  private static Object escapedArguments(Object arguments) {
    if (arguments instanceof PyTuple tuple) {
      List<Object> escaped = new ArrayList<>();
      for (Object item : tuple) {
        escaped.add(escapedArgument(item));
      }
      return new PyTuple(escaped);
    }
    if (arguments instanceof Map<?, ?> map) {
      Map<Object, Object> escaped = new LinkedHashMap<>();
      map.forEach((k, v) -> escaped.put(k, escapedArgument(v)));
      return escaped;
    }
    return escapedArgument(arguments);
  }

  private static Object escapedArgument(Object value) {
    return value instanceof Number || value instanceof Boolean || value == PyNone.NONE
        ? value
        : StringFilters.escape(value);
  }

  private Object mul(Object a, Object b) {
    if (a instanceof SafeString && PyValues.isInt(b)
        || b instanceof SafeString && PyValues.isInt(a)) {
      // Markup repeated is markup (markupsafe's Markup.__mul__ and __rmul__).
      SafeString m = a instanceof SafeString x ? x : (SafeString) b;
      Object times = a instanceof SafeString ? b : a;
      return new SafeString((String) mul(m.toString(), times));
    }
    if (PyValues.isNumber(a) && PyValues.isNumber(b)) {
      if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
        return PyValues.toDouble(a) * PyValues.toDouble(b);
      }
      return checkedInt(PyValues.bigInt(a).multiply(PyValues.bigInt(b)));
    }
    if (PyValues.isInt(a) && !(b instanceof Number)) {
      return mul(b, a);
    }
    if (PyValues.isInt(b)
        && (a instanceof CharSequence || a instanceof List<?> && !(a instanceof PyView))) {
      long times = Math.max(0, PyValues.bigInt(b).longValue());
      if (a instanceof CharSequence s) {
        if (s.length() * times > MAX_INT_BITS * 64L) {
          throw new PyException("MemoryError", "'" + symbol + "' result too large");
        }
        return s.toString().repeat((int) times);
      }
      List<?> list = (List<?>) a;
      if (list.size() * times > MAX_INT_BITS * 64L) {
        throw new PyException("MemoryError", "'" + symbol + "' result too large");
      }
      List<Object> repeated = new ArrayList<>();
      for (long i = 0; i < times; i++) {
        repeated.addAll(list);
      }
      return a instanceof PyTuple ? new PyTuple(repeated) : repeated;
    }
    throw unsupported(a, b).error();
  }

  private Object trueDiv(Object a, Object b) {
    requireNumbers(a, b);
    double divisor = PyValues.toDouble(b);
    if (divisor == 0) {
      throw PyException.zeroDivision(
          PyValues.isFloat(a) || PyValues.isFloat(b)
              ? "float division by zero"
              : "division by zero");
    }
    if (!PyValues.isFloat(a) && !PyValues.isFloat(b)) {
      double quotient =
          new BigDecimal(PyValues.bigInt(a))
              .divide(new BigDecimal(PyValues.bigInt(b)), new MathContext(40))
              .doubleValue();
      return quotient == 0 ? Math.copySign(0.0, divisor) : quotient; // 0 / -5 is -0.0
    }
    return PyValues.toDouble(a) / divisor;
  }

  private Object floorDiv(Object a, Object b) {
    requireNumbers(a, b);
    if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
      double divisor = PyValues.toDouble(b);
      if (divisor == 0) {
        throw PyException.zeroDivision("float floor division by zero");
      }
      return Math.floor(PyValues.toDouble(a) / divisor);
    }
    BigInteger divisor = PyValues.bigInt(b);
    if (divisor.signum() == 0) {
      throw PyException.zeroDivision("integer division or modulo by zero");
    }
    return PyValues.intResult(
        new BigDecimal(PyValues.bigInt(a))
            .divide(new BigDecimal(divisor), 0, RoundingMode.FLOOR)
            .toBigInteger());
  }

  private Object mod(Object a, Object b) {
    if (a instanceof SafeString markup) {
      return percentMarkup(markup, b);
    }
    if (a instanceof CharSequence format) {
      RenderLimits.checkFormatWidths(format.toString());
      return PyFormat.percent(format.toString(), b);
    }
    requireNumbers(a, b);
    if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
      double x = PyValues.toDouble(a);
      double y = PyValues.toDouble(b);
      if (y == 0) {
        throw PyException.zeroDivision("float modulo");
      }
      double r = x % y;
      if (r != 0 && (r < 0) != (y < 0)) {
        r += y;
      }
      return r == 0 ? Math.copySign(0.0, y) : r;
    }
    BigInteger y = PyValues.bigInt(b);
    if (y.signum() == 0) {
      throw PyException.zeroDivision("integer division or modulo by zero");
    }
    BigInteger r = PyValues.bigInt(a).mod(y.abs());
    if (y.signum() < 0 && r.signum() != 0) {
      r = r.add(y);
    }
    return PyValues.intResult(r);
  }

  private Object pow(Object a, Object b) {
    requireNumbers(a, b);
    if (PyValues.isFloat(a) || PyValues.isFloat(b) || PyValues.bigInt(b).signum() < 0) {
      double x = PyValues.toDouble(a);
      double y = PyValues.toDouble(b);
      if (x == 0 && y < 0) {
        throw PyException.zeroDivision("0.0 cannot be raised to a negative power");
      }
      return Math.pow(x, y);
    }
    BigInteger base = PyValues.bigInt(a);
    BigInteger exponent = PyValues.bigInt(b);
    if (base.abs().compareTo(BigInteger.ONE) <= 0) {
      return PyValues.intResult(base.pow(exponent.testBit(0) ? 1 : exponent.signum() == 0 ? 0 : 2));
    }
    if (exponent.bitLength() > 31 || (long) base.bitLength() * exponent.intValue() > MAX_INT_BITS) {
      throw new PyException("OverflowError", "'**' result has more than " + MAX_INT_BITS + " bits");
    }
    return PyValues.intResult(base.pow(exponent.intValue()));
  }

  private Object checkedInt(BigInteger value) {
    if (value.bitLength() > MAX_INT_BITS) {
      throw new PyException(
          "OverflowError", "'" + symbol + "' result has more than " + MAX_INT_BITS + " bits");
    }
    return PyValues.intResult(value);
  }

  private void requireNumbers(Object a, Object b) {
    if (!PyValues.isNumber(a) || !PyValues.isNumber(b)) {
      throw unsupported(a, b).error();
    }
  }

  @Override
  public String toString() {
    return symbol;
  }

  /** Python's unary minus and plus. */
  enum Unary implements AstUnary.Operator {
    NEG("-"),
    POS("+"),
    NOT("not");

    private final String symbol;

    Unary(String symbol) {
      this.symbol = symbol;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context, AstNode node) {
      Object value = defined(node, node.eval(bindings, context));
      if (this == NOT) {
        return !PyValues.truth(value);
      }
      if (!PyValues.isNumber(value)) {
        throw PyException.typeError(
            "bad operand type for unary " + symbol + ": '" + PyValues.typeName(value) + "'");
      }
      if (this == POS) {
        return value instanceof Boolean b ? (Object) (b ? 1L : 0L) : value;
      }
      return PyValues.isFloat(value)
          ? (Object) (-PyValues.toDouble(value))
          : PyValues.intResult(PyValues.bigInt(value).negate());
    }

    @Override
    public String toString() {
      return symbol;
    }
  }

  /**
   * {@code value}; in strict mode a {@code null} (an undefined name: None is {@code NONE}) fails
   * naming {@code node}, as a lone undefined name does.
   */
  static Object defined(AstNode node, Object value) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (value == null && interpreter != null && interpreter.getConfig().isFailOnUnknownTokens()) {
      throw new UnknownTokenException(
          describe(node), interpreter.getLineNumber(), interpreter.getPosition());
    }
    return value;
  }

  /**
   * {@code node} as the template wrote it, arguments elided: {@code ti.xcom_pull(...).rows}. JUEL's
   * {@code appendStructure} would do, but Jinjava's named parameters, lists and dicts refuse it.
   */
  static String describe(AstNode node) {
    if (node instanceof AstIdentifier identifier) {
      return identifier.getName();
    }
    if (node instanceof AstDot) {
      return describe(child(node, 0)) + "." + node.toString().substring(". ".length());
    }
    if (node instanceof AstBracket) {
      return describe(child(node, 0)) + "[" + describe(child(node, 1)) + "]";
    }
    if (node instanceof AstMethod) {
      return describe(child(node, 0)) + "(...)";
    }
    StringBuilder text = new StringBuilder();
    try {
      node.appendStructure(text, null);
      return text.toString();
    } catch (UnsupportedOperationException e) {
      return "(...)";
    }
  }

  private static AstNode child(AstNode node, int index) {
    return (AstNode) node.getChild(index);
  }
}
