package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code str} methods for template values ({@link PyMethods#invoke} dispatches here):
 * {@code 'a.b'.split('.')}, {@code ', '.join(names)}, {@code '{:,}'.format(n)}, ... Strings split
 * on literal separators, never regular expressions.
 */
final class PyStrMethods {
  private PyStrMethods() {}

  static Object string(String s, String name, PyArguments a) {
    return switch (name) {
      case "upper" -> s.toUpperCase(Locale.ROOT);
      case "lower" -> s.toLowerCase(Locale.ROOT);
      case "title" -> title(s);
      case "capitalize" ->
          s.isEmpty()
              ? s
              : s.substring(0, 1).toUpperCase(Locale.ROOT)
                  + s.substring(1).toLowerCase(Locale.ROOT);
      case "swapcase" -> swapcase(s);
      case "startswith" -> affix(s, a.get(0, "prefix", ""), true, a);
      case "endswith" -> affix(s, a.get(0, "suffix", ""), false, a);
      case "format" -> PyStrFormat.format(s, rebuild(a));
      case "join" -> join(s, a.get(0, "iterable", null));
      case "splitlines" -> splitlines(s, PyValues.truth(a.get(0, "keepends", false)));
      case "split" ->
          split(s, a.get(0, "sep", PyNone.NONE), (int) a.getLong(1, "maxsplit", -1), false);
      case "rsplit" ->
          split(s, a.get(0, "sep", PyNone.NONE), (int) a.getLong(1, "maxsplit", -1), true);
      case "strip" -> strip(s, a.get(0, "chars", PyNone.NONE), true, true);
      case "lstrip" -> strip(s, a.get(0, "chars", PyNone.NONE), true, false);
      case "rstrip" -> strip(s, a.get(0, "chars", PyNone.NONE), false, true);
      case "replace" ->
          replace(
              s,
              str(a.get(0, "old", "")),
              str(a.get(1, "new", "")),
              (int) a.getLong(2, "count", -1));
      case "find", "rfind" -> (long) find(s, str(a.get(0, "sub", "")), a, name.equals("find"));
      case "index", "rindex" -> {
        int at = find(s, str(a.get(0, "sub", "")), a, name.equals("index"));
        if (at < 0) {
          throw PyException.valueError("substring not found");
        }
        yield (long) at;
      }
      case "count" -> count(s, str(a.get(0, "sub", "")), a);
      case "isdigit", "isnumeric", "isdecimal" ->
          !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
      case "isalpha" -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
      case "isalnum" -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetterOrDigit);
      case "isspace" -> !s.isEmpty() && s.codePoints().allMatch(Character::isWhitespace);
      case "islower" ->
          s.codePoints().anyMatch(Character::isLowerCase)
              && s.codePoints().noneMatch(Character::isUpperCase);
      case "isupper" ->
          s.codePoints().anyMatch(Character::isUpperCase)
              && s.codePoints().noneMatch(Character::isLowerCase);
      case "istitle" -> s.codePoints().anyMatch(Character::isLetter) && title(s).equals(s);
      case "partition", "rpartition" -> {
        String sep = str(a.get(0, "sep", ""));
        int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
        if (at < 0) {
          yield name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
        }
        yield PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
      }
      case "zfill" -> {
        int width = (int) a.getLong(0, "width", 0);
        boolean signed = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
        String digits = signed ? s.substring(1) : s;
        String pad = "0".repeat(Math.max(0, width - s.length()));
        yield (signed ? s.substring(0, 1) : "") + pad + digits;
      }
      case "center", "ljust", "rjust" -> {
        String fill = str(a.get(1, "fillchar", " "));
        String width = Long.toString(a.getLong(0, "width", 0));
        String align = name.equals("center") ? "^" : name.equals("ljust") ? "<" : ">";
        int w = Integer.parseInt(width);
        int missing = w - s.length();
        if (name.equals("center") && missing > 0) {
          int left = missing / 2 + (missing & w & 1);
          yield fill.repeat(left) + s + fill.repeat(missing - left);
        }
        yield PyFormat.pad(s, align, fill.charAt(0), width);
      }
      case "removeprefix" -> {
        String p = str(a.get(0, "prefix", ""));
        yield s.startsWith(p) ? s.substring(p.length()) : s;
      }
      case "removesuffix" -> {
        String p = str(a.get(0, "suffix", ""));
        yield !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
      }
      default -> PyMethods.NO_METHOD;
    };
  }

  private static Object[] rebuild(PyArguments a) {
    List<Object> all = new ArrayList<>(a.positional);
    a.named.forEach((k, v) -> all.add(new NamedParameter(k, v)));
    return all.toArray();
  }

  private static String str(Object value) {
    if (!(value instanceof CharSequence)) {
      throw PyException.typeError("must be str, not " + PyValues.typeName(value));
    }
    return value.toString();
  }

  private static boolean affix(String s, Object affix, boolean prefix, PyArguments a) {
    if (affix instanceof PyTuple options) {
      for (Object option : options) {
        if (affix(s, option, prefix, a)) {
          return true;
        }
      }
      return false;
    }
    String text = str(affix);
    int[] region = region(s, a, text.length());
    return region != null && s.startsWith(text, prefix ? region[0] : region[1] - text.length());
  }

  /**
   * The part {@code s[start:end]} that {@code find}, {@code count}, {@code startswith} and the like
   * search, from their optional arguments after the first (CPython's ADJUST_INDICES): {start, end},
   * or null when it cannot hold {@code length} characters, a start past the end included.
   */
  private static int[] region(String s, PyArguments a, int length) {
    int n = s.length();
    long start = bound(a, 1, "start", 0, n);
    long end = Math.min(bound(a, 2, "end", n, n), n);
    return start > n || end - start < length ? null : new int[] {(int) start, (int) end};
  }

  /**
   * Argument {@code index} (or {@code name}) as a slice bound of a sequence of {@code n} items:
   * None or absent gives {@code fallback}, a negative one counts back from the end (at least 0).
   */
  static long bound(PyArguments a, int index, String name, long fallback, int n) {
    Object value = a.get(index, name, PyNone.NONE);
    if (value == PyNone.NONE || value == null) {
      return fallback;
    }
    long bound = a.getLong(index, name, fallback);
    return bound < 0 ? Math.max(0, bound + n) : bound;
  }

  /** Where {@code sub} first (or last) is within the region the arguments give, or -1. */
  private static int find(String s, String sub, PyArguments a, boolean first) {
    int[] region = region(s, a, sub.length());
    if (region == null) {
      return -1;
    }
    int at = first ? s.indexOf(sub, region[0]) : s.lastIndexOf(sub, region[1] - sub.length());
    return at >= region[0] && at + sub.length() <= region[1] ? at : -1;
  }

  static String title(String s) {
    StringBuilder out = new StringBuilder();
    boolean previousCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
      previousCased = Character.isLetter(c);
    }
    return out.toString();
  }

  private static String swapcase(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return out.toString();
  }

  static String join(String separator, Object items) {
    if (!(items instanceof Iterable<?>)
        && !(items instanceof CharSequence)
        && !(items instanceof Map<?, ?>)) {
      throw PyException.typeError("can only join an iterable");
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (Object item : PyMethods.iterate(items)) {
      if (!(item instanceof CharSequence)) {
        throw PyException.typeError(
            "sequence item "
                + i
                + ": expected str instance, "
                + PyValues.typeName(item)
                + " found");
      }
      if (i++ > 0) {
        out.append(separator);
      }
      RenderLimits.checkString("join", (long) out.length() + ((CharSequence) item).length());
      out.append(item);
    }
    return out.toString();
  }

  static List<Object> splitlines(String s, boolean keepEnds) {
    List<Object> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n'
          || c == '\r'
          || c == '\u000b'
          || c == '\u000c'
          || c == '\u001c'
          || c == '\u001d'
          || c == '\u001e'
          || c == '\u0085'
          || c == '\u2028'
          || c == '\u2029') {
        int end = i;
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        lines.add(s.substring(start, keepEnds ? i + 1 : end));
        start = i + 1;
      }
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  private static List<Object> split(String s, Object separator, int maxsplit, boolean fromRight) {
    List<Object> parts = new ArrayList<>();
    if (separator == PyNone.NONE || separator == null) {
      return fromRight ? rsplitWhitespace(s, maxsplit) : splitWhitespace(s, maxsplit);
    }
    String sep = str(separator);
    if (sep.isEmpty()) {
      throw PyException.valueError("empty separator");
    }
    if (fromRight) {
      String rest = s;
      int splits = 0;
      int at;
      while ((maxsplit < 0 || splits < maxsplit) && (at = rest.lastIndexOf(sep)) >= 0) {
        parts.add(0, rest.substring(at + sep.length()));
        rest = rest.substring(0, at);
        splits++;
      }
      parts.add(0, rest);
      return parts;
    }
    int start = 0;
    int at;
    int splits = 0;
    while ((maxsplit < 0 || splits < maxsplit) && (at = s.indexOf(sep, start)) >= 0) {
      parts.add(s.substring(start, at));
      start = at + sep.length();
      splits++;
    }
    parts.add(s.substring(start));
    return parts;
  }

  /**
   * {@code str.split()} without a separator, as CPython does it: runs of whitespace separate, and
   * once {@code maxsplit} splits are made the rest stays as it is, its trailing whitespace too.
   */
  private static List<Object> splitWhitespace(String s, int maxsplit) {
    List<Object> parts = new ArrayList<>();
    int n = s.length();
    int i = 0;
    for (int splits = 0; maxsplit < 0 || splits < maxsplit; splits++) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      if (i == n) {
        return parts;
      }
      int j = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      parts.add(s.substring(j, i));
    }
    while (i < n && isSpace(s.charAt(i))) {
      i++;
    }
    if (i < n) {
      parts.add(s.substring(i));
    }
    return parts;
  }

  /** {@code str.rsplit()} without a separator: {@link #splitWhitespace} from the right. */
  private static List<Object> rsplitWhitespace(String s, int maxsplit) {
    List<Object> parts = new ArrayList<>();
    int i = s.length() - 1;
    for (int splits = 0; maxsplit < 0 || splits < maxsplit; splits++) {
      while (i >= 0 && isSpace(s.charAt(i))) {
        i--;
      }
      if (i < 0) {
        break;
      }
      int j = i;
      while (i >= 0 && !isSpace(s.charAt(i))) {
        i--;
      }
      parts.add(0, s.substring(i + 1, j + 1));
    }
    while (i >= 0 && isSpace(s.charAt(i))) {
      i--;
    }
    if (i >= 0) {
      parts.add(0, s.substring(0, i + 1));
    }
    return parts;
  }

  /** Python's {@code str.isspace} of one character. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  static String strip(String s, Object chars, boolean left, boolean right) {
    String set = chars == PyNone.NONE || chars == null ? null : str(chars);
    int start = 0;
    int end = s.length();
    while (left && start < end && strippable(s.charAt(start), set)) {
      start++;
    }
    while (right && end > start && strippable(s.charAt(end - 1), set)) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean strippable(char c, String set) {
    return set == null ? Character.isWhitespace(c) : set.indexOf(c) >= 0;
  }

  private static String replace(String s, String old, String replacement, int count) {
    if (count < 0) {
      return s.replace(old, replacement);
    }
    if (old.isEmpty()) { // before each character and at the end, count times: 'abc' -> '-a-bc'
      StringBuilder out = new StringBuilder();
      int i = 0;
      for (int done = 0; done < count && i <= s.length(); done++) {
        out.append(replacement);
        if (i < s.length()) {
          int next = s.offsetByCodePoints(i, 1);
          out.append(s, i, next);
          i = next;
        } else {
          i++;
        }
      }
      return i <= s.length() ? out.append(s, i, s.length()).toString() : out.toString();
    }
    StringBuilder out = new StringBuilder();
    int start = 0;
    int at;
    int done = 0;
    while (done < count && !old.isEmpty() && (at = s.indexOf(old, start)) >= 0) {
      out.append(s, start, at).append(replacement);
      start = at + old.length();
      done++;
    }
    return out.append(s.substring(start)).toString();
  }

  private static long count(String s, String sub, PyArguments a) {
    int[] region = region(s, a, sub.length());
    if (region == null) {
      return 0;
    }
    if (sub.isEmpty()) {
      return region[1] - region[0] + 1L;
    }
    long n = 0;
    for (int at = s.indexOf(sub, region[0]);
        at >= 0 && at + sub.length() <= region[1];
        at = s.indexOf(sub, at + sub.length())) {
      n++;
    }
    return n;
  }
}
