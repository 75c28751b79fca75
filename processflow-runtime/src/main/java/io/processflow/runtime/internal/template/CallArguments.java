package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.AstMacroFunction;
import com.hubspot.jinjava.el.ext.AstNamedParameter;
import com.hubspot.jinjava.el.ext.NamedParameter;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.Node;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.javax.el.ELContext;

/**
 * A call's arguments with Python's {@code *items} and {@code **mapping} among them, as Jinja2 takes
 * them ({@code m(*pair)}, {@code dict(**params.extra)}, {@code '{a}'.format(**row)}): evaluated to
 * the positional arguments the items give and the named ones the mapping gives, in order. Methods
 * and filters take the result as it is; functions and macros through {@link Call}.
 */
final class CallArguments extends AstParameters {
  CallArguments(List<AstNode> nodes) {
    super(nodes);
  }

  /** True when {@code nodes} has a {@code *} or {@code **} argument. */
  static boolean spreads(List<AstNode> nodes) {
    return nodes.stream().anyMatch(Spread.class::isInstance);
  }

  /**
   * What Jinja2's parser refuses in a call's arguments, as the expected text of the syntax error,
   * or null: one {@code *items} and one {@code **mapping} at most, no positional argument after
   * {@code *}, {@code **} or a named one, and nothing but {@code **} after it.
   */
  static String misplaced(List<AstNode> nodes) {
    boolean star = false;
    boolean stars = false;
    boolean named = false;
    for (AstNode node : nodes) {
      if (node instanceof Spread spread) {
        if (stars || star && !spread.mapping) {
          return "')' (a call takes one *items before one **mapping, and **mapping last)";
        }
        star |= !spread.mapping;
        stars |= spread.mapping;
      } else if (node instanceof AstNamedParameter) {
        if (stars) {
          return "')' (a named argument comes before **mapping)";
        }
        named = true;
      } else if (star || stars || named) {
        return "')' (a positional argument comes before named ones, *items and **mapping)";
      }
    }
    return null;
  }

  @Override
  public Object[] eval(Bindings bindings, ELContext context) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < getCardinality(); i++) {
      AstNode node = getChild(i);
      if (node instanceof Spread spread) {
        spread.addTo(values, bindings, context);
      } else {
        values.add(node.eval(bindings, context));
      }
    }
    // Positional ones first, as Python binds them: m(b=2, *[1]) is m(1, b=2).
    List<Object> ordered = new ArrayList<>(values.size());
    values.stream().filter(v -> !(v instanceof NamedParameter)).forEach(ordered::add);
    values.stream().filter(NamedParameter.class::isInstance).forEach(ordered::add);
    return ordered.toArray();
  }

  /** {@code *items} or {@code **mapping} in a call. */
  static final class Spread extends AstRightValue {
    private final AstNode value;
    private final boolean mapping;

    Spread(AstNode value, boolean mapping) {
      this.value = value;
      this.mapping = mapping;
    }

    void addTo(List<Object> values, Bindings bindings, ELContext context) {
      Object spread = PyOperators.defined(value, value.eval(bindings, context));
      if (!mapping) {
        if (spread instanceof Map<?, ?> || spread instanceof Iterable<?>) {
          PyMethods.iterate(spread).forEach(item -> values.add(NullsAsNone.wrap(item)));
          return;
        }
        if (spread instanceof CharSequence text) {
          text.toString().codePoints().forEach(c -> values.add(new String(Character.toChars(c))));
          return;
        }
        throw PyException.typeError(
            "argument after * must be an iterable, not " + PyValues.typeName(spread));
      }
      if (!(spread instanceof Map<?, ?> map)) {
        throw PyException.typeError(
            "argument after ** must be a mapping, not " + PyValues.typeName(spread));
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof CharSequence key)) {
          throw PyException.typeError("keywords must be strings");
        }
        values.add(new NamedParameter(key.toString(), NullsAsNone.wrap(entry.getValue())));
      }
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
      // Jinjava evaluates a filter's and a test's arguments one by one, without this class.
      throw PyException.typeError(
          "'"
              + (mapping ? "**" : "*")
              + "' works in the arguments of functions, macros and methods, not yet of a filter"
              + " or a test; pass the arguments one by one");
    }

    @Override
    public void appendStructure(StringBuilder b, Bindings bindings) {
      b.append(mapping ? "**" : "*");
      value.appendStructure(b, bindings);
    }

    @Override
    public String toString() {
      return mapping ? "**" : "*";
    }

    @Override
    public int getCardinality() {
      return 1;
    }

    @Override
    public Node getChild(int i) {
      return i == 0 ? value : null;
    }
  }

  /**
   * A call of a function or macro by name with {@link CallArguments}: the function gets them as
   * evaluated, however many there are (the parser counted only the nodes).
   */
  static final class Call extends AstMacroFunction {
    private final AstParameters arguments;

    Call(String name, int index, AstParameters params, boolean varargs) {
      super(name, index, params, varargs);
      this.arguments = params;
    }

    @Override
    protected Object invoke(Bindings bindings, ELContext context, Object base, Method method)
        throws InvocationTargetException, IllegalAccessException {
      Object[] values = arguments.eval(bindings, context);
      int declared = method.getParameterCount();
      if (method.isVarArgs()) {
        int fixed = declared - 1;
        if (values.length < fixed) {
          throw takes(declared, values.length);
        }
        Object[] call = new Object[declared];
        System.arraycopy(values, 0, call, 0, fixed);
        Object[] rest =
            (Object[])
                Array.newInstance(
                    method.getParameterTypes()[fixed].getComponentType(), values.length - fixed);
        System.arraycopy(values, fixed, rest, 0, rest.length);
        call[fixed] = rest;
        return method.invoke(base, call);
      }
      if (values.length != declared) {
        throw takes(declared, values.length);
      }
      return method.invoke(base, values);
    }

    private PyException takes(int declared, int given) {
      return PyException.typeError(
          getName() + "() takes " + declared + " arguments but " + given + " were given");
    }
  }
}
