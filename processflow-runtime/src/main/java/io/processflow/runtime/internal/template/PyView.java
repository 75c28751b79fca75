package io.processflow.runtime.internal.template;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A sequence that Python prints by its type, not as a list: {@code dict.keys()}, {@code values()}
 * and {@code items()} ({@code dict_keys(['a'])}) and {@code range()} ({@code range(0, 3)}). It
 * iterates, indexes, measures and filters as the list of its items; {@code tojson} refuses it, as
 * Python's {@code json} does.
 *
 * <p>A dict view is live, as in Python: it reads its dict at each use, so it sees later updates,
 * and it is printed only when a template prints it, so creating one costs nothing whatever the dict
 * holds.
 */
final class PyView extends PySequence {
  private final String type;
  private final String printed;

  /** A range's start and step (its stop is in {@link #printed}); unused by dict views. */
  private final long start;

  private final long step;

  private PyView(String type, String printed, List<?> items, long start, long step) {
    super(items);
    this.type = type;
    this.printed = printed;
    this.start = start;
    this.step = step;
  }

  /** {@code dict_keys}, {@code dict_values} or {@code dict_items} of {@code map}, read live. */
  static PyView dictView(String type, Map<?, ?> map, Function<Map.Entry<?, ?>, Object> item) {
    return new PyView(type, null, new LiveItems(map, item), 0, 0);
  }

  /** Python's {@code range(start, stop, step)} whose numbers are {@code numbers}. */
  static PyView range(long start, long stop, long step, List<? extends Number> numbers) {
    return new PyView(
        "range",
        "range(" + start + ", " + stop + (step == 1 ? "" : ", " + step) + ")",
        numbers,
        start,
        step);
  }

  /**
   * A slice of this range, as Python slices one: the range of the numbers at indices {@code first},
   * {@code first + by}, ... before {@code last} ({@code range(5)[1:3]} is {@code range(1, 3)}), the
   * slice's indices already clamped to this range's length.
   */
  PyView sliceRange(long first, long last, long by) {
    List<Number> numbers = new ArrayList<>();
    for (long i = first; by > 0 ? i < last : i > last; i += by) {
      numbers.add((Number) get((int) i));
    }
    return range(start + first * step, start + last * step, step * by, numbers);
  }

  /** True for a {@code range}, false for a dict view. */
  boolean isRange() {
    return type.equals("range");
  }

  /** Python's name of its type: {@code dict_keys}, {@code range}, ... */
  String type() {
    return type;
  }

  /** Appends Python's {@code repr()}, printing the items of a dict view with {@code items}. */
  void appendRepr(StringBuilder out, Runnable items) {
    if (printed != null) {
      out.append(printed);
    } else {
      out.append(type).append("([");
      items.run();
      out.append("])");
    }
  }

  /** Python's {@code str()} and {@code repr()}: {@code dict_keys(['a'])}, {@code range(0, 3)}. */
  @Override
  public String toString() {
    return printed != null ? printed : PyValues.repr(this);
  }

  /**
   * The items of a dict, read at each use. Reading them in order, as iteration, filters and loops
   * do, walks the dict once; another index walks it from the start.
   */
  private static final class LiveItems extends AbstractList<Object> {
    private final Map<?, ?> map;
    private final Function<Map.Entry<?, ?>, Object> item;
    private Iterator<? extends Map.Entry<?, ?>> cursor;
    private int next;

    LiveItems(Map<?, ?> map, Function<Map.Entry<?, ?>, Object> item) {
      this.map = map;
      this.item = item;
    }

    @Override
    public Object get(int index) {
      if (index < 0 || index >= map.size()) {
        throw new IndexOutOfBoundsException("index " + index + " of " + map.size() + " items");
      }
      if (cursor == null || index < next) {
        cursor = map.entrySet().iterator();
        next = 0;
      }
      try {
        for (; next < index; next++) {
          cursor.next();
        }
        next++;
        return item.apply(cursor.next());
      } catch (ConcurrentModificationException e) {
        cursor = null;
        return get(index);
      }
    }

    @Override
    public Iterator<Object> iterator() {
      return new MappedIterator<>(map.entrySet().iterator(), item);
    }

    @Override
    public int size() {
      return map.size();
    }
  }
}
