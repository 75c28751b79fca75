package io.processflow.runtime.internal.template;

import java.util.Iterator;
import java.util.function.Function;

/** The items of another iterator, each passed through a function as it is read. */
final class MappedIterator<T> implements Iterator<Object> {
  private final Iterator<? extends T> items;
  private final Function<? super T, Object> function;

  MappedIterator(Iterator<? extends T> items, Function<? super T, Object> function) {
    this.items = items;
    this.function = function;
  }

  @Override
  public boolean hasNext() {
    return items.hasNext();
  }

  @Override
  public Object next() {
    return function.apply(items.next());
  }
}
