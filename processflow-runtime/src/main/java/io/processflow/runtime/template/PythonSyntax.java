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
            describe(node), interpreter.getLineNumber(), interpreter.getPosition());
      }
      return value;
    }

    /**
     * {@code node} as the template wrote it, arguments elided: {@code ti.xcom_pull(...).rows}.
     * JUEL's {@code appendStructure} would do, but Jinjava's named parameters, lists and dicts
     * refuse it.
     */
    private static String describe(AstNode node) {
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

    @Override
    public String toString() {
      return symbol;
    }
  }
}
