package io.processflow.runtime.internal.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's global functions Jinjava lacks: {@code dict(a=1)}, {@code cycler(...)}, {@code joiner(',
 * ')}.
 */
public final class JinjaGlobals {
  private JinjaGlobals() {}

  /** {@code dict(a=1, b=2)}, {@code dict(mapping)} or {@code dict(pairs)}, then the named ones. */
  public static Map<Object, Object> dict(Object... arguments) {
    PyArguments args = new PyArguments("dict", arguments);
    if (args.positional.size() > 1) {
      throw PyException.typeError(
          "dict expected at most 1 argument, got " + args.positional.size());
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    if (!args.positional.isEmpty()) {
      Object from = args.positional.get(0);
      if (from instanceof Map<?, ?> mapping) {
        map.putAll(mapping);
      } else {
        int element = 0;
        for (Object pair : PyMethods.iterate(from)) {
          if (!(pair instanceof CharSequence) && !(pair instanceof Iterable<?>)) {
            throw PyException.typeError(
                "cannot convert dictionary update sequence element #" + element + " to a sequence");
          }
          List<Object> items = new ArrayList<>();
          PyMethods.iterate(pair).forEach(items::add);
          if (items.size() != 2) {
            throw PyException.valueError(
                "dictionary update sequence element #"
                    + element
                    + " has length "
                    + items.size()
                    + "; 2 is required");
          }
          map.put(items.get(0), items.get(1));
          element++;
        }
      }
    }
    map.putAll(args.named);
    return map;
  }

  public static Cycler cycler(Object... items) {
    return new Cycler(items);
  }

  public static Joiner joiner(Object... separator) {
    return new Joiner(separator.length == 0 ? ", " : PyValues.str(separator[0]));
  }

  /** Jinja2's {@code cycler}: {@code next()} gives the items in turn. */
  public static final class Cycler {
    private final Object[] items;
    private int at;

    Cycler(Object[] items) {
      if (items.length == 0) {
        throw PyException.typeError("at least one item has to be provided");
      }
      this.items = items;
    }

    public Object next() {
      Object item = items[at];
      at = (at + 1) % items.length;
      return item;
    }

    public Object getCurrent() {
      return items[at];
    }

    public void reset() {
      at = 0;
    }
  }

  /** Jinja2's {@code joiner}: calling it gives "" the first time, the separator afterwards. */
  public static final class Joiner {
    private final String separator;
    private boolean used;

    Joiner(String separator) {
      this.separator = separator;
    }

    public String call() {
      if (!used) {
        used = true;
        return "";
      }
      return separator;
    }
  }
}
