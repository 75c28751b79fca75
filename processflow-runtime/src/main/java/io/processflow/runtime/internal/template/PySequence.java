package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable Python sequence that prints as its own type ({@link #toString}), not as a list.
 * Pyish, so Jinjava keeps it as it is ({@code {% set %}}, macro arguments, {@code namespace()})
 * instead of copying it into one of its lists.
 */
abstract class PySequence extends AbstractList<Object> implements RandomAccess, PyishSerializable {
  private final List<?> items;

  PySequence(List<?> items) {
    this.items = items;
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @SuppressWarnings("unchecked")
  @Override
  public Iterator<Object> iterator() {
    return (Iterator<Object>) items.iterator();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
      throws IOException {
    appendable.append(toString());
    return appendable;
  }
}
