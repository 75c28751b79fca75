package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.de.odysseus.el.misc.LocalMessages;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.PropertyNotFoundException;

/**
 * Jinja2's {@code StrictUndefined}, as Airflow configures it: an undefined name fails wherever it
 * is used, not only when it is printed. Jinjava's strict mode checks only an expression's final
 * value, so {@code typo + 1}, {@code ds ~ typo}, {@code typo | shell_quote}, {@code [typo]} and
 * {@code f(typo)} rendered silently. Here every name, attribute and item the parser builds checks
 * its own value: {@code null} (a name, key or attribute that does not exist; a None is {@link
 * PyNone#NONE}) throws an {@link UnknownTokenException} naming it as the template wrote it ({@code
 * params.dirr}).
 *
 * <p>The exceptions are Jinja2's: the value handed straight to the {@code default} ({@code d})
 * filter or to the {@code defined} and {@code undefined} tests may be undefined, so {@code params.x
 * | default('')} and {@code x is defined} keep working; {@code typo.x | default('')} still fails on
 * {@code typo}, as in Jinja2. Two places are stricter than Jinja2, which lets an undefined value be
 * stored and fails only when it is used: a literal ({@code {'a': typo}}, which Jinja2 prints as
 * {@code {'a': Undefined}}) and {@code {% set x = typo %}} fail at once. Tests that only look at
 * what a value is answer for an undefined one as Jinja2 does: {@code typo is none} and {@code is
 * string} are false, {@code typo is odd} fails.
 *
 * <p>An unknown filter fails as Jinja2's does: {@code No filter named 'nosuch'}.
 */
public final class StrictUndefined {
  /**
   * Filters and tests whose first argument may be undefined, as in Jinja2: {@code default}, and the
   * tests that answer without using the value (identity and type tests), which are false for an
   * undefined value. ({@code callable} too: Jinja2 answers true, as its {@code Undefined} object
   * can be called, but ProcessFlow never calls values, so {@code macros.ds_add is callable} stays
   * false as listed in the conformance suite.) Tests that use the value ({@code odd}, {@code
   * lower}, {@code in}, {@code eq}, ...) fail on it, as in Jinja2.
   */
  private static final Set<String> LENIENT =
      Set.of(
          ExtendedParser.FILTER_PREFIX + "default",
          ExtendedParser.FILTER_PREFIX + "d",
          ExtendedParser.EXPTEST_PREFIX + "defined",
          ExtendedParser.EXPTEST_PREFIX + "undefined",
          ExtendedParser.EXPTEST_PREFIX + "none",
          ExtendedParser.EXPTEST_PREFIX + "string",
          ExtendedParser.EXPTEST_PREFIX + "number",
          ExtendedParser.EXPTEST_PREFIX + "integer",
          ExtendedParser.EXPTEST_PREFIX + "float",
          ExtendedParser.EXPTEST_PREFIX + "boolean",
          ExtendedParser.EXPTEST_PREFIX + "true",
          ExtendedParser.EXPTEST_PREFIX + "false",
          ExtendedParser.EXPTEST_PREFIX + "mapping",
          ExtendedParser.EXPTEST_PREFIX + "sequence",
          ExtendedParser.EXPTEST_PREFIX + "sameas",
          ExtendedParser.EXPTEST_PREFIX + "escaped",
          ExtendedParser.EXPTEST_PREFIX + "callable");

  private StrictUndefined() {}

  /**
   * Whether test {@code name} answers for an undefined value instead of failing ({@code defined},
   * {@code undefined}, and the identity and type tests, which are false for it).
   */
  static boolean testsUndefined(String name) {
    return LENIENT.contains(ExtendedParser.EXPTEST_PREFIX + name);
  }

  /** An identifier node: a filter or test name fails when unknown, a variable when undefined. */
  static AstIdentifier identifier(String name, int index) {
    if (name.startsWith(ExtendedParser.FILTER_PREFIX)) {
      return new Named(
          name,
          index,
          "No filter named '" + name.substring(ExtendedParser.FILTER_PREFIX.length()) + "'");
    }
    if (name.startsWith(ExtendedParser.EXPTEST_PREFIX)) {
      return new Named(
          name,
          index,
          "No test named '" + name.substring(ExtendedParser.EXPTEST_PREFIX.length()) + "'");
    }
    if (name.equals(ExtendedParser.INTERPRETER)) {
      return new AstIdentifier(name, index, false);
    }
    return new Identifier(name, index);
  }

  static AstDot dot(AstNode base, String property, boolean lvalue) {
    return new Dot(base, property, lvalue);
  }

  static AstBracket bracket(AstNode base, AstNode property, boolean lvalue, boolean strict) {
    return new Bracket(base, property, lvalue, strict);
  }

  /**
   * The parameters of a method call: for the {@code default} filter and the {@code defined} and
   * {@code undefined} tests, the value they test is let through undefined.
   */
  static AstParameters parameters(AstProperty method, AstParameters params) {
    if (!(method instanceof AstDot)
        || params.getCardinality() == 0
        || !(method.getChild(0) instanceof AstIdentifier name)
        || !LENIENT.contains(name.getName())) {
      return params;
    }
    List<AstNode> nodes = new ArrayList<>(params.getCardinality());
    for (int i = 0; i < params.getCardinality(); i++) {
      nodes.add(params.getChild(i));
    }
    if (nodes.get(0) instanceof Checked checked) {
      checked.allowUndefined();
    }
    return params instanceof CallArguments ? new CallArguments(nodes) : new AstParameters(nodes);
  }

  /** A node that checks its own value. */
  private interface Checked {
    /** Lets this node's own value be undefined (its parts are still checked). */
    void allowUndefined();
  }

  private static Object check(AstNode node, Object value, boolean allowUndefined) {
    if (value != null || allowUndefined) {
      return value;
    }
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (interpreter == null || !interpreter.getConfig().isFailOnUnknownTokens()) {
      return null;
    }
    throw new UnknownTokenException(
        PyOperators.describe(node), interpreter.getLineNumber(), interpreter.getPosition());
  }

  private static final class Identifier extends AstIdentifier implements Checked {
    private boolean allowUndefined;

    Identifier(String name, int index) {
      super(name, index, false);
    }

    @Override
    public void allowUndefined() {
      allowUndefined = true;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
      return check(this, super.eval(bindings, context), allowUndefined);
    }
  }

  /** A filter's or test's name: it resolves to the filter, or there is no such filter. */
  private static final class Named extends AstIdentifier {
    private final String unknown;

    Named(String name, int index, String unknown) {
      super(name, index, false);
      this.unknown = unknown;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
      boolean removed =
          getName().startsWith(ExtendedParser.FILTER_PREFIX)
              && JinjavaExtras.FILTERS.contains(
                  getName().substring(ExtendedParser.FILTER_PREFIX.length()));
      Object value = removed ? null : super.eval(bindings, context);
      if (value == null) {
        throw new ELException(unknown);
      }
      return value;
    }
  }

  private static final class Dot extends AstDot implements Checked {
    private boolean allowUndefined;

    Dot(AstNode base, String property, boolean lvalue) {
      super(base, property, lvalue, false);
    }

    @Override
    public void allowUndefined() {
      allowUndefined = true;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
      return check(this, super.eval(bindings, context), allowUndefined);
    }
  }

  private static final class Bracket extends AstBracket implements Checked {
    private boolean allowUndefined;

    Bracket(AstNode base, AstNode property, boolean lvalue, boolean strict) {
      super(base, property, lvalue, strict, false);
    }

    @Override
    public void allowUndefined() {
      allowUndefined = true;
    }

    /**
     * AstProperty's lookup, except that a dict's key that is no string is looked up as it is
     * ({@code d[1]}, {@code d[(1, 2)]}, {@code d[logical_date]}; see PyDictLiteral): Jinjava's
     * resolver turns every key into a string first.
     */
    @Override
    public Object eval(Bindings bindings, ELContext context) {
      Object base = prefix.eval(bindings, context);
      if (base == null) {
        return check(this, null, allowUndefined);
      }
      Object key = getProperty(bindings, context);
      if (key == null && strict) {
        return check(this, null, allowUndefined);
      }
      if (base instanceof Map<?, ?> map
          && key != null
          && (!(key instanceof String) || base instanceof PyDict)) {
        PyDict.checkHashable(key);
        Object found = PyDict.keyFor(map, key);
        if (found != null) {
          return check(this, NullsAsNone.wrap(map.get(found)), allowUndefined);
        }
      }
      context.setPropertyResolved(false);
      Object value = context.getELResolver().getValue(context, base, key);
      if (!context.isPropertyResolved()) {
        throw new PropertyNotFoundException(
            LocalMessages.get("error.property.property.notfound", key, base));
      }
      return check(this, value, allowUndefined);
    }
  }
}
