package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.AbsOperator;
import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.el.ext.AstTuple;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.OrOperator;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Builder.Feature;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.Scanner.Token;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstChoice;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstFunction;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstLiteral;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstNull;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;

/**
 * The {@link PythonSyntax} parser: Jinja2's expression grammar on Jinjava's, and the nodes it adds.
 */
final class PythonParser extends ExtendedParser {
  PythonParser(PythonSyntax syntax, String input) {
    super(syntax, input);
    replace(StringConcatOperator.TOKEN, PyOperators.CONCAT);
    replace(TruncDivOperator.TOKEN, PyOperators.FLOOR_DIV);
    replace(PowerOfOperator.TOKEN, PyOperators.POW);
    putExtensionHandler(
        AbsOperator.TOKEN,
        new ExtensionHandler(ExtensionPoint.UNARY) {
          @Override
          public AstNode createAstNode(AstNode... children) {
            return new AstUnary(children[0], PyOperators.Unary.POS);
          }
        });
  }

  private void replace(Scanner.ExtensionToken token, PyOperators operator) {
    ExtensionPoint point = getExtensionHandler(token).getExtensionPoint();
    putExtensionHandler(
        token,
        new ExtensionHandler(point) {
          @Override
          public AstNode createAstNode(AstNode... children) {
            return new AstBinary(children[0], children[1], operator);
          }
        });
  }

  @Override
  protected Scanner createScanner(String expression) {
    return new PythonScanner(expression);
  }

  @Override
  protected Number parseInteger(String string) throws ParseException {
    BigInteger value = new BigInteger(string);
    return PyValues.intResult(value);
  }

  @Override
  protected AstNode nonliteral() throws ScanException, ParseException {
    Token token = getToken();
    if (token.getSymbol() == Symbol.IDENTIFIER
        && isNoneLiteral(token.getImage())
        && lookahead(0).getSymbol() != Symbol.LPAREN) {
      consumeToken();
      return new NoneLiteral();
    }
    return super.nonliteral();
  }

  /** Whether the next {@link #params(Symbol, Symbol)} reads a call's arguments. */
  private boolean callArguments;

  @Override
  protected AstParameters params() throws ScanException, ParseException {
    callArguments = true;
    return super.params();
  }

  /**
   * Arguments, list items and tuple items; a trailing comma is allowed, as in {@code (1,)}; a
   * call's arguments may be {@code *items} and {@code **mapping} ({@link CallArguments}).
   */
  @Override
  protected AstParameters params(Symbol left, Symbol right) throws ScanException, ParseException {
    boolean call = callArguments;
    callArguments = false;
    consumeToken(left);
    List<AstNode> nodes = new ArrayList<>();
    AstNode node = argument(call);
    while (node != null) {
      nodes.add(node);
      if (getToken().getSymbol() != Symbol.COMMA) {
        break;
      }
      consumeToken();
      node = argument(call);
    }
    String misplaced = call ? CallArguments.misplaced(nodes) : null;
    if (misplaced != null) {
      fail(misplaced);
    }
    consumeToken(right);
    return CallArguments.spreads(nodes) ? new CallArguments(nodes) : createAstParameters(nodes);
  }

  private AstNode argument(boolean call) throws ScanException, ParseException {
    Symbol symbol = getToken().getSymbol();
    boolean mapping = symbol == Symbol.EXTENSION && "**".equals(getToken().getImage());
    if (!call || symbol != Symbol.MUL && !mapping) {
      return expr(false);
    }
    consumeToken();
    return new CallArguments.Spread(expr(true), mapping);
  }

  @Override
  protected AstDict createAstDict(Map<AstNode, AstNode> dict) {
    return new PyDictLiteral(dict);
  }

  @Override
  protected AstTuple createAstTuple(AstParameters parameters) throws ScanException, ParseException {
    return new PyTupleLiteral(parameters);
  }

  @Override
  protected AstChoice createAstChoice(AstNode question, AstNode yes, AstNode no) {
    return super.createAstChoice(question, yes, no instanceof AstNull ? new EmptyString() : no);
  }

  /**
   * Jinjava's postfix operators ({@code .name}, {@code .name(...)}, {@code [key]}) with Python's
   * slices, {@code [start:stop:step]} ({@link PySlice}). Operators come after, at their own levels
   * (the engine uses natural precedence).
   */
  @Override
  protected AstNode value() throws ScanException, ParseException {
    boolean lvalue = true;
    AstNode v = nonliteral();
    if (v == null) {
      v = literal();
      if (v == null) {
        return null;
      }
      lvalue = false;
    }
    while (true) {
      if (getToken().getSymbol() == Symbol.DOT) {
        consumeToken();
        AstDot dot = createAstDot(v, consumeToken(Symbol.IDENTIFIER).getImage(), lvalue);
        v = calls() ? createAstMethod(dot, params()) : dot;
      } else if (getToken().getSymbol() == Symbol.LBRACK) {
        consumeToken();
        AstNode first = expr(false);
        if (getToken().getSymbol() == Symbol.COLON) {
          consumeToken();
          AstNode stop = expr(false);
          AstNode step = null;
          if (getToken().getSymbol() == Symbol.COLON) {
            consumeToken();
            step = expr(false);
          }
          consumeToken(Symbol.RBRACK);
          v = new PySlice(v, first, stop, step);
        } else {
          if (first == null) {
            fail("an index or a slice");
          }
          consumeToken(Symbol.RBRACK);
          AstBracket bracket =
              createAstBracket(v, first, lvalue, !context.isEnabled(Feature.NULL_PROPERTIES));
          v = calls() ? createAstMethod(bracket, params()) : bracket;
        }
      } else {
        return v;
      }
    }
  }

  private boolean calls() {
    return getToken().getSymbol() == Symbol.LPAREN && context.isEnabled(Feature.METHOD_INVOCATIONS);
  }

  /** A node {@link #unary} hands back once, so {@link #filter} can continue after a filter. */
  private AstNode pending;

  /**
   * Filters and tests in any order, as Jinja2 reads them: {@code x | f is number}, {@code x is
   * defined | string}; Jinjava reads one round of them.
   */
  @Override
  protected AstNode filter(boolean required) throws ScanException, ParseException {
    AstNode v = super.filter(required);
    while (v != null && continuesWithFilterOrTest()) {
      Token operator = getToken();
      pending = v;
      v = super.filter(true);
      if (getToken() == operator) {
        // Jinjava took nothing after 'is' (a string, a number): Jinja2's syntax error, where
        // looping again would never end.
        pending = null;
        fail("the name of a test after '" + operator.getImage() + "'");
      }
    }
    return v;
  }

  private boolean continuesWithFilterOrTest() throws ScanException, ParseException {
    String image = getToken().getImage();
    return ("|".equals(image) && lookahead(0).getSymbol() == Symbol.IDENTIFIER)
        || ("is".equals(image) && lookahead(0).getSymbol() != Symbol.EOF);
  }

  @Override
  protected AstNode unary(boolean required) throws ScanException, ParseException {
    if (pending != null) {
      AstNode v = pending;
      pending = null;
      return v;
    }
    return super.unary(required);
  }

  /** {@code not} applies to a whole comparison, as in Python. */
  @Override
  protected AstNode eq(boolean required) throws ScanException, ParseException {
    if (getToken().getSymbol() == Symbol.NOT && getToken().getImage().equals("not")) {
      consumeToken();
      return createAstUnary(eq(true), AstUnary.NOT);
    }
    return super.eq(required);
  }

  /** {@code *}, {@code /}, {@code //} and {@code %}, whose operands are powers. */
  @Override
  protected AstNode mul(boolean required) throws ScanException, ParseException {
    AstNode v = pow(required);
    if (v == null) {
      return null;
    }
    while (true) {
      Symbol symbol = getToken().getSymbol();
      if (symbol == Symbol.MUL || symbol == Symbol.DIV || symbol == Symbol.MOD) {
        consumeToken();
        AstBinary.Operator operator =
            symbol == Symbol.MUL
                ? AstBinary.MUL
                : symbol == Symbol.DIV ? AstBinary.DIV : AstBinary.MOD;
        v = createAstBinary(v, pow(true), operator);
      } else if (symbol == Symbol.EXTENSION
          && getToken() != PowerOfOperator.TOKEN
          && getExtensionHandler(getToken()).getExtensionPoint() == ExtensionPoint.MUL) {
        v = getExtensionHandler(consumeToken()).createAstNode(v, pow(true));
      } else {
        return v;
      }
    }
  }

  /**
   * {@code **} binds tighter than {@code *} and, as in Jinja2, from the left: {@code 2 ** 3 ** 2}
   * is 64.
   */
  private AstNode pow(boolean required) throws ScanException, ParseException {
    AstNode v = filter(required);
    while (v != null && getToken() == PowerOfOperator.TOKEN) {
      consumeToken();
      v = new AstBinary(v, filter(true), PyOperators.POW);
    }
    return v;
  }

  /**
   * Python's comparisons, one level that chains: {@code a < b == c} is {@code a < b and b == c},
   * and so with {@code ==}, {@code !=}, {@code in} and {@code not in} ({@code 'a' in 'abc' == true}
   * is {@code 'a' in 'abc' and 'abc' == true}). JUEL's own grammar put {@code ==} and {@code !=} a
   * level above, so that {@code 1 < 2 == 2} compared {@code True} with 2.
   */
  @Override
  protected AstNode cmp(boolean required) throws ScanException, ParseException {
    AstNode v = add(required);
    if (v == null) {
      return null;
    }
    AstNode previous = null;
    while (true) {
      Comparison comparison = comparison();
      if (comparison == null) {
        return v;
      }
      AstNode right = add(true);
      AstNode test = comparison.node(previous == null ? v : previous, right);
      v = previous == null ? test : new AstBinary(v, test, PyOperators.AND);
      previous = right;
    }
  }

  /** One comparison of a chain, made from its two operands. */
  @FunctionalInterface
  private interface Comparison {
    AstNode node(AstNode left, AstNode right);
  }

  /** The comparison operator at the current token, consumed; null when there is none. */
  private Comparison comparison() throws ScanException, ParseException {
    PyOperators operator =
        switch (getToken().getSymbol()) {
          case LT -> PyOperators.LT;
          case LE -> PyOperators.LE;
          case GT -> PyOperators.GT;
          case GE -> PyOperators.GE;
          case EQ -> PyOperators.EQ;
          case NE -> PyOperators.NE;
          default -> null;
        };
    if (operator != null) {
      consumeToken();
      return (left, right) -> new AstBinary(left, right, operator);
    }
    if (getToken().getSymbol() == Symbol.EXTENSION
        && getExtensionHandler(getToken()).getExtensionPoint() == ExtensionPoint.CMP) {
      Token token = consumeToken();
      if ("in".equals(token.getImage())) {
        return (left, right) -> new AstBinary(left, right, PyOperators.IN);
      }
      return getExtensionHandler(token)::createAstNode;
    }
    if ("not".equals(getToken().getImage()) && "in".equals(lookahead(0).getImage())) {
      consumeToken();
      consumeToken();
      return (left, right) -> new AstBinary(left, right, PyOperators.NOT_IN);
    }
    return null;
  }

  @Override
  protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
    return new AstBinary(left, right, python(operator));
  }

  private static AstBinary.Operator python(AstBinary.Operator operator) {
    if (operator == AstBinary.EQ) {
      return PyOperators.EQ;
    }
    if (operator == AstBinary.NE) {
      return PyOperators.NE;
    }
    if (operator == AstBinary.ADD || operator == AdditionOperator.OP) {
      return PyOperators.ADD;
    }
    if (operator == AstBinary.SUB) {
      return PyOperators.SUB;
    }
    if (operator == AstBinary.MUL) {
      return PyOperators.MUL;
    }
    if (operator == AstBinary.DIV) {
      return PyOperators.DIV;
    }
    if (operator == AstBinary.MOD) {
      return PyOperators.MOD;
    }
    if (operator == AstBinary.AND) {
      return PyOperators.AND;
    }
    if (operator == OrOperator.OP || operator == AstBinary.OR) {
      return PyOperators.OR;
    }
    if (operator == AstBinary.LT) {
      return PyOperators.LT;
    }
    if (operator == AstBinary.LE) {
      return PyOperators.LE;
    }
    if (operator == AstBinary.GT) {
      return PyOperators.GT;
    }
    if (operator == AstBinary.GE) {
      return PyOperators.GE;
    }
    return operator;
  }

  // Names, attributes and items that fail when undefined (see StrictUndefined).

  @Override
  protected AstIdentifier createAstIdentifier(String name, int index) {
    return StrictUndefined.identifier(name, index);
  }

  @Override
  protected AstDot createAstDot(AstNode base, String property, boolean lvalue) {
    return StrictUndefined.dot(base, property, lvalue);
  }

  @Override
  protected AstBracket createAstBracket(
      AstNode base, AstNode property, boolean lvalue, boolean strict) {
    return StrictUndefined.bracket(base, property, lvalue, strict);
  }

  @Override
  protected AstFunction createAstFunction(String name, int index, AstParameters params) {
    if (params instanceof CallArguments) {
      return new CallArguments.Call(name, index, params, context.isEnabled(Feature.VARARGS));
    }
    return switch (name) {
      case "loop" -> new LoopCall(name, index, params, context.isEnabled(Feature.VARARGS));
      case "super" -> new SuperCall(name, index, params, context.isEnabled(Feature.VARARGS));
      default -> super.createAstFunction(name, index, params);
    };
  }

  @Override
  protected AstMethod createAstMethod(AstProperty method, AstParameters params) {
    return super.createAstMethod(method, StrictUndefined.parameters(method, params));
  }

  @Override
  protected AstUnary createAstUnary(AstNode child, AstUnary.Operator operator) {
    if (operator == AstUnary.NEG) {
      return new AstUnary(child, PyOperators.Unary.NEG);
    }
    if (operator == AstUnary.NOT) {
      return new AstUnary(child, PyOperators.Unary.NOT);
    }
    return super.createAstUnary(child, operator);
  }

  private static boolean isNoneLiteral(String name) {
    return name.equals("None") || name.equals("none");
  }

  private static final class NoneLiteral extends AstLiteral {
    @Override
    public Object eval(Bindings bindings, ELContext context) {
      return PyNone.NONE;
    }

    @Override
    public void appendStructure(StringBuilder b, Bindings bindings) {
      b.append("None");
    }

    @Override
    public String toString() {
      return "None";
    }
  }

  /**
   * What a false inline {@code if} without {@code else} gives: Jinja2's plain Undefined prints
   * empty.
   */
  private static final class EmptyString extends AstLiteral {
    @Override
    public Object eval(Bindings bindings, ELContext context) {
      return "";
    }

    @Override
    public void appendStructure(StringBuilder b, Bindings bindings) {
      b.append("''");
    }

    @Override
    public String toString() {
      return "''";
    }
  }
}
