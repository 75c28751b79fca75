package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Builder.Feature;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinja2's expression syntax and Python's semantics where Jinjava's differ, plugged in as JUEL's
 * tree builder (the hook Jinjava's own {@link ExtendedSyntaxBuilder} uses):
 *
 * <ul>
 *   <li>{@code None}/{@code none} are the literal {@link PyNone#NONE} (Jinjava reads them as
 *       undefined names);
 *   <li>every operator is Python's ({@link PyOperators}): {@code -7 // 2} is -4, {@code '1' == 1}
 *       is false, {@code flag and n} is {@code n}, {@code 'ab' * 3}, {@code '%s' % x}, ...;
 *   <li>comparisons chain ({@code 1 < x < 3}) and {@code not} binds looser than them ({@code not 1
 *       == 2} is true);
 *   <li>{@code (1, 2)} and {@code (1,)} are tuples ({@link PyTuple}); ints grow past 64 bits;
 *   <li>slices take a step: {@code s[::-1]};
 *   <li>an inline {@code if} without {@code else} gives an empty string when false;
 *   <li>a key after a dot may be a word Jinjava reserves: {@code params.empty}, {@code params.mod},
 *       {@code params.div}, {@code params.not}.
 * </ul>
 *
 * <p>Jinjava's eager execution mode, which the engine does not use, keeps its own parser.
 */
public final class PythonSyntax extends ExtendedSyntaxBuilder {
  private static final long serialVersionUID = 1L;

  // The features Jinjava's own expression factory gets from JUEL's default (JEE6) profile.
  private PythonSyntax() {
    super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
  }

  /** A Jinjava whose expressions are parsed with this syntax. */
  public static Jinjava jinjava(JinjavaConfig config) {
    // As Jinjava builds its factory: a cache of 1000 parsed expressions, Jinjava's type converter.
    ExpressionFactory expressions =
        new ExpressionFactoryImpl(
            new TreeStore(new PythonSyntax(), new Cache(1000)), new PythonTruth());
    return new Jinjava(config) {
      @Override
      public ExpressionFactory getExpressionFactory() {
        return expressions;
      }
    };
  }

  /**
   * Jinjava's type converter, but a value becomes a boolean (a conditional expression's test, a
   * boolean argument) by Python's truth, not by Jinjava's, which takes the string {@code 'false'}
   * and numbers below 1 for false.
   */
  private static final class PythonTruth extends TruthyTypeConverter {
    private static final long serialVersionUID = 1L;

    @Override
    protected Boolean coerceToBoolean(Object value) {
      return PyValues.truth(value);
    }
  }

  @Override
  protected Parser createParser(String expression) {
    return new PythonParser(this, expression);
  }
}
