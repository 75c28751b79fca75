package io.processflow.runtime.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's {@code wordwrap(width=79, break_long_words=True, wrapstring=None,
 * break_on_hyphens=True)}: each line of the text wrapped on its own as Python's {@code
 * textwrap.wrap} wraps it (tabs and whitespace kept, whitespace at a break dropped), the lines
 * joined by {@code wrapstring} (a newline by default).
 */
final class TextWrap {
  private TextWrap() {}

  private static final String SPACE = "[\\t\\n\\x0b\\x0c\\r ]";

  /** Whitespace runs and words, as textwrap splits text without breaking on hyphens. */
  private static final Pattern SIMPLE_CHUNKS = Pattern.compile(SPACE + "+");

  /**
   * Whitespace runs, em-dashes ({@code --}) between words, and words, a hyphenated word split after
   * each hyphen that has two letters (or a letter, a hyphen and a letter) before it and a letter
   * after it: textwrap's {@code wordsep_re}.
   */
  private static final Pattern CHUNKS =
      Pattern.compile(
          SPACE
              + "+"
              + "|(?<=[\\w!\"'&.,?])-{2,}(?=\\w)"
              + "|[^\\t\\n\\x0b\\x0c\\r ]+?(?:"
              + "-(?:(?<=[^\\d\\W]{2}-)|(?<=[^\\d\\W]-[^\\d\\W]-))(?=[^\\d\\W]-?[^\\d\\W])"
              + "|(?="
              + SPACE
              + "|\\z)"
              + "|(?<=[\\w!\"'&.,?])(?=-{2,}\\w))",
          Pattern.UNICODE_CHARACTER_CLASS);

  static String wordwrap(Object value, PyArguments a) {
    a.check(4, "width", "break_long_words", "wrapstring", "break_on_hyphens");
    long width = a.getLong(0, "width", 79);
    boolean breakLongWords = PyValues.truth(a.get(1, "break_long_words", true));
    Object wrapstring = a.get(2, "wrapstring", PyNone.NONE);
    String joint = wrapstring == PyNone.NONE ? "\n" : PyValues.str(wrapstring);
    boolean breakOnHyphens = PyValues.truth(a.get(3, "break_on_hyphens", true));
    if (width <= 0) {
      throw PyException.valueError("invalid width " + width + " (must be > 0)");
    }
    @SuppressWarnings("unchecked")
    List<Object> lines =
        (List<Object>) PyMethods.invoke(PyValues.str(value), "splitlines", new Object[0]);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.append(joint);
      }
      List<String> wrapped =
          wrap(
              chunks((String) lines.get(i), breakOnHyphens),
              (int) Math.min(width, Integer.MAX_VALUE),
              breakLongWords,
              breakOnHyphens);
      out.append(String.join(joint, wrapped));
    }
    return out.toString();
  }

  private static List<String> chunks(String text, boolean breakOnHyphens) {
    List<String> chunks = new ArrayList<>();
    Matcher m = (breakOnHyphens ? CHUNKS : SIMPLE_CHUNKS).matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        chunks.add(text.substring(at, m.start()));
      }
      chunks.add(m.group());
      at = m.end();
    }
    if (at < text.length()) {
      chunks.add(text.substring(at));
    }
    return chunks;
  }

  /** Fills lines of at most {@code width} code points from {@code chunks}, as textwrap does. */
  private static List<String> wrap(
      List<String> chunks, int width, boolean breakLongWords, boolean breakOnHyphens) {
    List<String> lines = new ArrayList<>();
    int next = 0;
    while (next < chunks.size()) {
      if (isBlank(chunks.get(next)) && !lines.isEmpty()) {
        next++;
      }
      List<String> line = new ArrayList<>();
      int length = 0;
      while (next < chunks.size() && length + length(chunks.get(next)) <= width) {
        length += length(chunks.get(next));
        line.add(chunks.get(next++));
      }
      if (next < chunks.size() && length(chunks.get(next)) > width) {
        String chunk = chunks.get(next);
        if (breakLongWords) {
          int end = width - length;
          int hyphen = breakOnHyphens ? lastHyphen(chunk, end) : -1;
          if (hyphen > 0) {
            end = hyphen + 1;
          }
          int split = chunk.offsetByCodePoints(0, end);
          line.add(chunk.substring(0, split));
          chunks.set(next, chunk.substring(split));
        } else if (line.isEmpty()) {
          line.add(chunk);
          next++;
        }
      }
      if (!line.isEmpty() && isBlank(line.get(line.size() - 1))) {
        line.remove(line.size() - 1);
      }
      if (!line.isEmpty()) {
        lines.add(String.join("", line));
      }
    }
    return lines;
  }

  /**
   * The code point index of the last hyphen before {@code end} that has something other than
   * hyphens before it, or -1.
   */
  private static int lastHyphen(String chunk, int end) {
    int[] points = chunk.codePoints().toArray();
    for (int i = Math.min(end, points.length) - 1; i > 0; i--) {
      if (points[i] == '-') {
        for (int j = 0; j < i; j++) {
          if (points[j] != '-') {
            return i;
          }
        }
        return -1;
      }
    }
    return -1;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private static boolean isBlank(String s) {
    return s.strip().isEmpty();
  }
}
