package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.util.AbstractList;
import java.util.List;

/**
 * Python's tuple: an immutable list that prints as {@code (1, 2)} and {@code (1,)}. Pyish, so
 * Jinjava keeps it as it is instead of copying it into one of its lists.
 */
class PyTuple extends AbstractList<Object> implements PyishSerializable {
  private final List<Object> items;

  PyTuple(List<?> items) {
    this.items = List.copyOf(items.stream().map(i -> i == null ? PyNone.NONE : i).toList());
  }

  static PyTuple of(Object... items) {
    return new PyTuple(List.of(items));
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(PyValues.repr(this));
    return appendable;
  }

  @Override
  public String toString() {
    return PyValues.repr(this);
  }
}
