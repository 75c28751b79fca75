package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.objects.PyWrapper;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shows the nulls inside params and task outputs as Python's {@code None} ({@link PyNone#NONE}):
 * maps and lists are wrapped in read-only views that convert each value as it is read, at any
 * depth. Nothing is copied, so a large output costs nothing until a template walks it, and a
 * missing key stays missing (strict mode still calls it undefined).
 */
public final class NullsAsNone {
  private NullsAsNone() {}

  /**
   * {@code value} as a template sees it: {@code null} is {@link PyNone#NONE}, a map or a list is a
   * view. Views and Jinjava's own collections (made by the template, where None is already {@code
   * NONE}) are returned as they are, so wrapping twice is free.
   */
  static Object wrap(Object value) {
    if (value == null) {
      return PyNone.NONE;
    }
    if (value instanceof MapView
        || value instanceof ListView
        || value instanceof PyWrapper
        || value instanceof PyTuple) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      return new MapView<>(map);
    }
    if (value instanceof List<?> list) {
      return new ListView(list);
    }
    return value;
  }

  /** A view of {@code map} whose null values read as {@link PyNone#NONE}. */
  public static <K> Map<K, Object> map(Map<K, ?> map) {
    return new MapView<>(map);
  }

  private static final class MapView<K> extends AbstractMap<K, Object> {
    private final Map<K, ?> map;

    MapView(Map<K, ?> map) {
      this.map = map;
    }

    @Override
    public Object get(Object key) {
      Object value = map.get(key);
      if (value != null) {
        return wrap(value);
      }
      return map.containsKey(key) ? PyNone.NONE : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public Set<K> keySet() {
      return Collections.unmodifiableSet(map.keySet());
    }

    @Override
    public Set<Entry<K, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<K, Object>> iterator() {
          Iterator<? extends Entry<K, ?>> entries = map.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return entries.hasNext();
            }

            @Override
            public Entry<K, Object> next() {
              Entry<K, ?> entry = entries.next();
              return new SimpleImmutableEntry<>(entry.getKey(), wrap(entry.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return map.size();
        }
      };
    }
  }

  private static final class ListView extends AbstractList<Object> {
    private final List<?> list;

    ListView(List<?> list) {
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return wrap(list.get(index));
    }

    @Override
    public int size() {
      return list.size();
    }

    /** Walks the list's own iterator: {@link #get} would be quadratic on a linked list. */
    @Override
    public Iterator<Object> iterator() {
      return new MappedIterator<>(list.iterator(), NullsAsNone::wrap);
    }
  }
}
