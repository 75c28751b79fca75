package io.processflow.runtime.internal.template;

import java.util.List;

/** Python's tuple: an immutable list that prints as {@code (1, 2)} and {@code (1,)}. */
class PyTuple extends PySequence {
  PyTuple(List<?> items) {
    super(List.copyOf(items.stream().map(i -> i == null ? PyNone.NONE : i).toList()));
  }

  static PyTuple of(Object... items) {
    return new PyTuple(List.of(items));
  }

  @Override
  public String toString() {
    return PyValues.repr(this);
  }
}
