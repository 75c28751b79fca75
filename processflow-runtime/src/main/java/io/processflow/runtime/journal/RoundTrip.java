package io.processflow.runtime.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether an output read back from its journaled JSON is the output produced, in value and type:
 * the check that makes a resume give back exactly what a task returned, or fail the task when it
 * returns it. Values are compared with {@code equals}, which for the JDK's numbers includes their
 * class and a {@code BigDecimal}'s scale; lists, sets and maps by their contracts (an {@code
 * ArrayList} read back equals the {@code List.of} produced); arrays, and records whose {@code
 * equals} fails only on an array component, element by element; a class that keeps {@code Object}'s
 * identity {@code equals} by its JSON.
 */
final class RoundTrip {
  private RoundTrip() {}

  /** {@code null} when {@code back} is {@code produced}, else where and how they differ. */
  static String difference(Object produced, Object back) {
    return difference("", produced, back);
  }

  private static String difference(String path, Object a, Object b) {
    if (a == b) {
      return null;
    }
    if (a == null || b == null) {
      return at(path, a, b);
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return at(path, a, b);
      }
      Iterator<?> ib = lb.iterator();
      int i = 0;
      for (Object element : la) {
        String d = difference(path + "[" + i++ + "]", element, ib.next());
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return at(path, a, b);
      }
      for (Map.Entry<?, ?> entry : ma.entrySet()) {
        if (!mb.containsKey(entry.getKey())) {
          return at(path, a, b) + " (key " + describe(entry.getKey()) + " is missing)";
        }
        String d =
            difference(path + "[" + entry.getKey() + "]", entry.getValue(), mb.get(entry.getKey()));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof Set<?> && b instanceof Set<?>) {
      return a.equals(b) ? null : at(path, a, b);
    }
    Class<?> type = a.getClass();
    if (type != b.getClass()) {
      return at(path, a, b);
    }
    if (type.isArray()) {
      int length = Array.getLength(a);
      if (length != Array.getLength(b)) {
        return at(path, a, b);
      }
      for (int i = 0; i < length; i++) {
        String d = difference(path + "[" + i + "]", Array.get(a, i), Array.get(b, i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a.equals(b)) {
      return null;
    }
    if (type.isRecord()) {
      return componentDifference(path, a, b);
    }
    if (keepsIdentityEquals(type)) {
      return sameJson(a, b) ? null : at(path, a, b);
    }
    return at(path, a, b);
  }

  private static String componentDifference(String path, Object a, Object b) {
    try {
      for (RecordComponent component : a.getClass().getRecordComponents()) {
        Method accessor = component.getAccessor();
        accessor.setAccessible(true);
        String d =
            difference(path + "." + component.getName(), accessor.invoke(a), accessor.invoke(b));
        if (d != null) {
          return d;
        }
      }
      return null; // equals differs only on what equals compares by identity (an array)
    } catch (ReflectiveOperationException | RuntimeException e) {
      return at(path, a, b);
    }
  }

  private static boolean keepsIdentityEquals(Class<?> type) {
    try {
      return type.getMethod("equals", Object.class).getDeclaringClass() == Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static boolean sameJson(Object a, Object b) {
    try {
      return JournalJson.MAPPER
          .writeValueAsString(a)
          .equals(JournalJson.MAPPER.writeValueAsString(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String at(String path, Object produced, Object back) {
    return (path.isEmpty() ? "" : "at " + path + ", ")
        + describe(produced)
        + " came back as "
        + describe(back);
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return text + " (" + value.getClass().getName() + ")";
  }
}
