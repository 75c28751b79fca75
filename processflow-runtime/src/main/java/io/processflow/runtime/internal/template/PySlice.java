package io.processflow.runtime.internal.template;

import java.util.ArrayList;
import java.util.List;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.Node;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.javax.el.ELContext;

/** Python's slice {@code x[start:stop:step]} of a string, list or tuple: {@code s[::-1]}. */
final class PySlice extends AstRightValue {
  private final AstNode base;
  private final AstNode start;
  private final AstNode stop;
  private final AstNode step;

  PySlice(AstNode base, AstNode start, AstNode stop, AstNode step) {
    this.base = base;
    this.start = start;
    this.stop = stop;
    this.step = step;
  }

  @Override
  public Object eval(Bindings bindings, ELContext context) {
    Object value = PyOperators.defined(base, base.eval(bindings, context));
    long stepValue = index(step, bindings, context, 1);
    if (stepValue == 0) {
      throw PyException.valueError("slice step cannot be zero");
    }
    if (value instanceof CharSequence s) {
      String text = s.toString();
      int[] points = text.codePoints().toArray();
      StringBuilder out = new StringBuilder();
      for (int i : indices(points.length, bindings, context, stepValue)) {
        out.appendCodePoint(points[i]);
      }
      return out.toString();
    }
    if (value instanceof PyView view && view.isRange()) {
      long[] bounds = bounds(view.size(), bindings, context, stepValue);
      return view.sliceRange(bounds[0], bounds[1], stepValue);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i : indices(list.size(), bindings, context, stepValue)) {
        out.add(NullsAsNone.wrap(list.get(i)));
      }
      return value instanceof PyTuple ? new PyTuple(out) : out;
    }
    throw PyException.typeError("'" + PyValues.typeName(value) + "' object is not subscriptable");
  }

  /** The indices Python's slice visits in a sequence of {@code length} items. */
  private List<Integer> indices(int length, Bindings bindings, ELContext context, long stepValue) {
    long[] bounds = bounds(length, bindings, context, stepValue);
    long first = bounds[0];
    long last = bounds[1];
    List<Integer> indices = new ArrayList<>();
    for (long i = first; stepValue > 0 ? i < last : i > last; i += stepValue) {
      indices.add((int) i);
    }
    return indices;
  }

  /** The first index the slice visits and the bound it stops at, clamped as Python clamps them. */
  private long[] bounds(int length, Bindings bindings, ELContext context, long stepValue) {
    return new long[] {
      clamp(start, bindings, context, length, stepValue, stepValue < 0 ? length - 1 : 0),
      clamp(stop, bindings, context, length, stepValue, stepValue < 0 ? -1 : length)
    };
  }

  private static long clamp(
      AstNode node, Bindings bindings, ELContext context, int length, long step, long fallback) {
    if (node == null) {
      return fallback;
    }
    long i = index(node, bindings, context, fallback);
    if (i < 0) {
      i += length;
      if (i < 0) {
        i = step < 0 ? -1 : 0;
      }
    } else if (i >= length) {
      i = step < 0 ? length - 1 : length;
    }
    return i;
  }

  private static long index(AstNode node, Bindings bindings, ELContext context, long fallback) {
    if (node == null) {
      return fallback;
    }
    Object value = PyOperators.defined(node, node.eval(bindings, context));
    if (value == PyNone.NONE) {
      return fallback;
    }
    if (!PyValues.isInt(value)) {
      throw PyException.typeError("slice indices must be integers or None");
    }
    return PyValues.bigInt(value).longValue();
  }

  @Override
  public void appendStructure(StringBuilder b, Bindings bindings) {
    base.appendStructure(b, bindings);
    b.append('[');
    if (start != null) {
      start.appendStructure(b, bindings);
    }
    b.append(':');
    if (stop != null) {
      stop.appendStructure(b, bindings);
    }
    if (step != null) {
      b.append(':');
      step.appendStructure(b, bindings);
    }
    b.append(']');
  }

  @Override
  public int getCardinality() {
    return 4;
  }

  @Override
  public Node getChild(int i) {
    return switch (i) {
      case 0 -> base;
      case 1 -> start;
      case 2 -> stop;
      case 3 -> step;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return "[:]";
  }
}
