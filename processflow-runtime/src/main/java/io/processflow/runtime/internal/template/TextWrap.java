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

  /**
   * Fills lines of at most {@code width} code points from {@code chunks}, as textwrap does. A chunk
   * longer than a line is consumed from an offset, its code points counted once, so that a long
   * word wraps in linear time.
   */
  private static List<String> wrap(
      List<String> chunks, int width, boolean breakLongWords, boolean breakOnHyphens) {
    int[] lengths = new int[chunks.size()];
    int[] lastNonSpace = new int[chunks.size()];
    for (int i = 0; i < chunks.size(); i++) {
      String chunk = chunks.get(i);
      lengths[i] = length(chunk);
      lastNonSpace[i] = chunk.length() - 1;
      while (lastNonSpace[i] >= 0 && PyStrMethods.isSpace(chunk.charAt(lastNonSpace[i]))) {
        lastNonSpace[i]--;
      }
    }
    List<String> lines = new ArrayList<>();
    int next = 0;
    int offset = 0; // where what is left of chunk next starts
    while (next < chunks.size()) {
      RenderLimits.checkInterrupt();
      if (!lines.isEmpty() && offset > lastNonSpace[next]) {
        next++;
        offset = 0;
      }
      List<String> line = new ArrayList<>();
      int length = 0;
      while (next < chunks.size() && length + lengths[next] <= width) {
        length += lengths[next];
        line.add(chunks.get(next).substring(offset));
        next++;
        offset = 0;
      }
      if (next < chunks.size() && lengths[next] > width) {
        String chunk = chunks.get(next);
        if (breakLongWords) {
          int end = chunk.offsetByCodePoints(offset, width - length);
          int hyphen = breakOnHyphens ? lastHyphen(chunk, offset, end) : -1;
          if (hyphen > offset) {
            end = hyphen + 1;
          }
          line.add(chunk.substring(offset, end));
          lengths[next] -= chunk.codePointCount(offset, end);
          offset = end;
        } else if (line.isEmpty()) {
          line.add(chunk.substring(offset));
          next++;
          offset = 0;
        }
      }
      if (!line.isEmpty()) {
        String last = line.get(line.size() - 1);
        if (isBlank(last)) {
          line.remove(line.size() - 1);
        }
      }
      if (!line.isEmpty()) {
        lines.add(String.join("", line));
      }
    }
    return lines;
  }

  /**
   * The index of the last hyphen of {@code chunk} from {@code from} and before {@code end} that has
   * something other than hyphens between {@code from} and it, or -1: where textwrap breaks a long
   * word on a hyphen.
   */
  private static int lastHyphen(String chunk, int from, int end) {
    int hyphen = end - 1;
    while (hyphen > from && chunk.charAt(hyphen) != '-') {
      hyphen--;
    }
    if (hyphen <= from) {
      return -1;
    }
    for (int i = from; i < hyphen; i++) {
      if (chunk.charAt(i) != '-') {
        return hyphen;
      }
    }
    return -1;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Whether {@code s} is all whitespace as Python's {@code strip} sees it (with {@code \xa0}). */
  private static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!PyStrMethods.isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
