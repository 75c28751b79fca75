package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * Jinjava's resolver, with what templates read from objects seen as Python would: a map or list
 * property is a {@link NullsAsNone} view, and a method that returns {@code null} (a record
 * component such as {@code row.comment()}, {@code dict.get('k')}) returns {@link PyNone#NONE}.
 * Python's methods of strings, lists and dicts ({@link PyMethods}) come before Java's, and {@code
 * 'abc'[0]} indexes a string. A missing property stays {@code null}, which strict mode reports as
 * undefined; filters and tests are left alone, so a filter that finds nothing still fails strictly.
 */
public final class NoneResolver extends ELResolver {
  private final ELResolver delegate;

  public NoneResolver(ELResolver delegate) {
    this.delegate = delegate;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base instanceof String s
        && property instanceof String index
        && index.matches("-?\\d{1,9}")) {
      context.setPropertyResolved(true);
      return character(s, Integer.parseInt(index));
    }
    if (base instanceof JinjaFilters.Group group
        && ("grouper".equals(property) || "list".equals(property))) {
      context.setPropertyResolved(true);
      return "grouper".equals(property) ? group.getGrouper() : group.getList();
    }
    if (PyValues.isNumber(base) && property instanceof String name) {
      Object attribute = numberAttribute(base, name);
      if (attribute != null) {
        context.setPropertyResolved(true);
        return attribute;
      }
    }
    if (base instanceof PyIsoCalendarDate iso && property instanceof String name) {
      Object field =
          switch (name) {
            case "year" -> iso.getYear();
            case "week" -> iso.getWeek();
            case "weekday" -> iso.getWeekday();
            default -> null;
          };
      if (field != null) { // a named tuple's fields, then a tuple's attributes
        context.setPropertyResolved(true);
        return field;
      }
    }
    if (property instanceof String name && isBuiltin(base)) {
      // Python's attributes of a str, list, dict, int, float or bool: a dict's keys, an index
      // (x.0 is x[0] in Jinja2), nothing of Java's (no s.bytes, no list.empty)
      context.setPropertyResolved(true);
      Object attribute = builtinAttribute(base, name);
      return attribute == MISSING ? null : NullsAsNone.wrap(attribute);
    }
    Object value = delegate.getValue(context, base, property);
    return value == null ? null : NullsAsNone.wrap(value);
  }

  /** A str, list (a tuple too), dict, number or bool: the values that have Python's attributes. */
  private static boolean isBuiltin(Object base) {
    return base instanceof CharSequence
        || base instanceof List<?>
        || base instanceof Map<?, ?>
        || PyValues.isNumber(base);
  }

  /** What {@link #builtinAttribute} gives for an attribute that is not there (undefined). */
  private static final Object MISSING = new Object();

  /** Attribute {@code name} of a builtin value as Jinja2 reads it, or {@link #MISSING}. */
  private static Object builtinAttribute(Object base, String name) {
    if (base instanceof Map<?, ?> map) {
      Object key = map instanceof PyDict ? PyDict.keyFor(map, name) : name;
      return key != null && map.containsKey(key) ? map.get(key) : MISSING;
    }
    if (!name.matches("-?\\d{1,9}")) {
      return MISSING;
    }
    int index = Integer.parseInt(name);
    if (base instanceof List<?> list) {
      int at = index < 0 ? list.size() + index : index;
      return at >= 0 && at < list.size() ? list.get(at) : MISSING;
    }
    if (index < 0) {
      return MISSING;
    }
    if (base instanceof CharSequence s && index < s.toString().codePointCount(0, s.length())) {
      return character(s.toString(), index);
    }
    return MISSING;
  }

  /**
   * Python's attributes of a number: {@code real} and {@code imag}, and of an int (a bool too) its
   * {@code numerator} and {@code denominator}; null for any other name.
   */
  private static Object numberAttribute(Object number, String name) {
    boolean isFloat = PyValues.isFloat(number);
    return switch (name) {
      case "real" -> isFloat ? number : PyValues.intResult(PyValues.bigInt(number));
      case "imag" -> isFloat ? (Object) 0.0 : (Object) 0L;
      case "numerator" -> isFloat ? null : PyValues.intResult(PyValues.bigInt(number));
      case "denominator" -> isFloat ? null : (Object) 1L;
      default -> null;
    };
  }

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base instanceof String text) {
      RenderLimits.checkStringMethod(text, method, params);
    }
    if (method instanceof String name) {
      Object python = PyMethods.invoke(base, name, params);
      if (python != PyMethods.NO_METHOD) {
        context.setPropertyResolved(true);
        return python;
      }
    }
    if (base instanceof Filter || base instanceof ExpTest) {
      return delegate.invoke(context, base, method, paramTypes, params);
    }
    if (isBuiltin(base)) { // only Python's methods (PyMethods), none of Java's (no s.length())
      throw missingMethod(base, method);
    }
    Object result;
    try {
      result = delegate.invoke(context, base, method, paramTypes, params);
    } catch (MethodNotFoundException e) {
      throw missingMethod(base, method);
    }
    return context.isPropertyResolved() ? NullsAsNone.wrap(result) : result;
  }

  private static PyException missingMethod(Object base, Object method) {
    if (base instanceof Map<?, ?> map && map.containsKey(method)) {
      return PyException.typeError(
          "'" + PyValues.typeName(map.get(method)) + "' object is not callable");
    }
    return new PyException(
        "UndefinedError",
        "'" + PyValues.typeName(base) + " object' has no attribute '" + method + "'");
  }

  /** Python's {@code s[i]}: one character, counted from the end when negative. */
  private static String character(String s, int index) {
    int length = s.codePointCount(0, s.length());
    int at = index < 0 ? length + index : index;
    if (at < 0 || at >= length) {
      throw new PyException("IndexError", "string index out of range");
    }
    int offset = s.offsetByCodePoints(0, at);
    return new String(Character.toChars(s.codePointAt(offset)));
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return delegate.getType(context, base, property);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    delegate.setValue(context, base, property, value);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return delegate.isReadOnly(context, base, property);
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return delegate.getFeatureDescriptors(context, base);
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return delegate.getCommonPropertyType(context, base);
  }
}
