package io.processflow.runtime.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.misc.BooleanOperations;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.Scanner.Token;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstLiteral;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ExpressionFactory;

/**
 * The Jinja2 expression syntax for {@code None} that Jinjava lacks. Jinjava reads {@code None} and
 * {@code none} as variable names (undefined, so strict mode fails on them), and its {@code ==}
 * converts one side to the other's type, which would make {@code 'None' == None} compare strings
 * and {@code 0 == None} fail converting None to a number. Here both spellings are the literal
 * {@link PyNone#NONE}, and {@code ==}/{@code !=} with None on either side are Python's: true only
 * for None itself. An undefined operand still fails in strict mode, as with Jinja2's
 * StrictUndefined.
 *
 * <p>Plugged in as JUEL's tree builder, the hook Jinjava's own {@link ExtendedSyntaxBuilder} uses;
 * Jinjava's eager execution mode, which the engine does not use, keeps its own parser.
 */
final class PythonSyntax extends ExtendedSyntaxBuilder {
  private static final long serialVersionUID = 1L;

  // The features Jinjava's own expression factory gets from JUEL's default (JEE6) profile.
  private PythonSyntax() {
    super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
  }

  /** A Jinjava whose expressions are parsed with this syntax. */
  static Jinjava jinjava(JinjavaConfig config) {
    // As Jinjava builds its factory: a cache of 1000 parsed expressions, Jinjava's type converter.
    ExpressionFactory expressions =
        new ExpressionFactoryImpl(
            new TreeStore(new PythonSyntax(), new Cache(1000)), new TruthyTypeConverter());
    return new Jinjava(config) {
      @Override
      public ExpressionFactory getExpressionFactory() {
        return expressions;
      }
    };
  }

  @Override
  protected Parser createParser(String expression) {
    return new PythonParser(this, expression);
  }

  private static boolean isNoneLiteral(String name) {
    return name.equals("None") || name.equals("none");
  }

  private static final class PythonParser extends ExtendedParser {
    PythonParser(PythonSyntax syntax, String input) {
      super(syntax, input);
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

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
      if (operator == AstBinary.EQ) {
        return super.createAstBinary(left, right, NoneAwareEquality.EQ);
      }
      if (operator == AstBinary.NE) {
        return super.createAstBinary(left, right, NoneAwareEquality.NE);
      }
      return super.createAstBinary(left, right, operator);
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
    protected AstBracket createAstBracket(AstNode base, AstNode property, boolean lvalue, boolean strict) {
      return StrictUndefined.bracket(base, property, lvalue, strict);
    }

    @Override
    protected AstMethod createAstMethod(AstProperty method, AstParameters params) {
      return super.createAstMethod(method, StrictUndefined.parameters(method, params));
    }
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

  /** {@code ==} and {@code !=}: JUEL's, unless one side is None. */
  private enum NoneAwareEquality implements AstBinary.Operator {
    EQ("=="),
    NE("!=");

    private final String symbol;

    NoneAwareEquality(String symbol) {
      this.symbol = symbol;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
      Object a = defined(left, left.eval(bindings, context));
      Object b = defined(right, right.eval(bindings, context));
      boolean equal =
          isNone(a) || isNone(b) ? isNone(a) && isNone(b) : BooleanOperations.eq(bindings, a, b);
      return this == EQ ? equal : !equal;
    }

    private static boolean isNone(Object value) {
      return value == null || value == PyNone.NONE;
    }

    /**
     * {@code value}; in strict mode a {@code null} (an undefined name: None is {@code NONE}) fails
     * naming {@code node}, as a lone undefined name does.
     */
    private static Object defined(AstNode node, Object value) {
      JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
      if (value == null && interpreter != null && interpreter.getConfig().isFailOnUnknownTokens()) {
        throw new UnknownTokenException(
            StrictUndefined.describe(node), interpreter.getLineNumber(), interpreter.getPosition());
      }
      return value;
    }

    @Override
    public String toString() {
      return symbol;
    }
  }
}
