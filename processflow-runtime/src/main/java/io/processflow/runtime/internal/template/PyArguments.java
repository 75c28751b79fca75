package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python call's arguments as Jinjava passes them: positional values and {@link NamedParameter}s.
 */
final class PyArguments {
  final List<Object> positional = new ArrayList<>();
  final Map<String, Object> named = new LinkedHashMap<>();
  private final String function;

  PyArguments(String function, Object[] arguments) {
    this.function = function;
    if (arguments != null) {
      for (Object argument : arguments) {
        if (argument instanceof NamedParameter parameter) {
          named.put(parameter.getName(), parameter.getValue());
        } else {
          positional.add(argument);
        }
      }
    }
  }

  /** Argument {@code index}, or the named {@code name}, or {@code fallback}. */
  Object get(int index, String name, Object fallback) {
    if (index >= 0 && index < positional.size()) {
      return positional.get(index);
    }
    return named.getOrDefault(name, fallback);
  }

  /** Only the names in {@code allowed}, at most {@code maxPositional} positional arguments. */
  PyArguments check(int maxPositional, String... allowed) {
    if (positional.size() > maxPositional) {
      throw PyException.typeError(
          function
              + "() takes at most "
              + maxPositional
              + " positional arguments ("
              + positional.size()
              + " given)");
    }
    for (String name : named.keySet()) {
      if (!List.of(allowed).contains(name)) {
        throw PyException.typeError(
            function + "() got an unexpected keyword argument '" + name + "'");
      }
    }
    return this;
  }

  long getLong(int index, String name, long fallback) {
    Object value = get(index, name, null);
    if (value == null || value == PyNone.NONE) {
      return fallback;
    }
    if (!PyValues.isInt(value)) {
      throw PyException.typeError(
          function
              + "() argument '"
              + name
              + "' must be an integer, not '"
              + PyValues.typeName(value)
              + "'");
    }
    return PyValues.bigInt(value).longValueExact();
  }

  double getDouble(int index, String name, double fallback) {
    Object value = get(index, name, null);
    if (value == null || value == PyNone.NONE) {
      return fallback;
    }
    if (!PyValues.isNumber(value)) {
      throw PyException.typeError(
          function
              + "() argument '"
              + name
              + "' must be a number, not '"
              + PyValues.typeName(value)
              + "'");
    }
    return PyValues.toDouble(value);
  }
}
