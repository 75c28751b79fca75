package io.processflow.runtime.internal.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comments' whitespace control as Jinja2 applies it, before Jinjava reads the source: {@code {#-}
 * strips the whitespace before the comment and {@code -#}} the whitespace after it, each on its own
 * (Jinjava takes a leading {@code -} for both sides and ignores a trailing one). The comment stays,
 * without its dashes and holding the newlines stripped around it, so line numbers do not change.
 * Expressions, statements (their strings may hold <code>{#</code>) and {@code raw} blocks are
 * passed over.
 */
final class JinjaComments {
  private JinjaComments() {}

  private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\s*-?%}");
  private static final Pattern END_RAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");

  static String apply(String source) {
    if (!source.contains("-#}") && !source.contains("{#-")) {
      return source;
    }
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf('{', i);
      if (open < 0 || open + 1 == source.length()) {
        out.append(source, i, source.length());
        break;
      }
      out.append(source, i, open);
      char kind = source.charAt(open + 1);
      if (kind == '#') {
        i = comment(source, open, out);
      } else if (kind == '{' || kind == '%') {
        i = passOver(source, open, kind == '{' ? "}}" : "%}", out);
      } else {
        out.append('{');
        i = open + 1;
      }
    }
    return out.toString();
  }

  /** Copies the expression, statement or raw block at {@code open}; returns the index after it. */
  private static int passOver(String source, int open, String close, StringBuilder out) {
    Matcher raw = RAW.matcher(source).region(open, source.length());
    if (raw.lookingAt()) {
      Matcher end = END_RAW.matcher(source);
      int stop = end.find(raw.end()) ? end.end() : source.length();
      out.append(source, open, stop);
      return stop;
    }
    int at = JinjaTags.TopLevel.outsideStrings(source, open + 2, i -> source.startsWith(close, i));
    int stop = at < 0 ? source.length() : at + 2;
    out.append(source, open, stop);
    return stop;
  }

  /** Writes the comment at {@code open} with its whitespace control applied. */
  private static int comment(String source, int open, StringBuilder out) {
    int close = source.indexOf("#}", open + 2);
    if (close < 0) {
      out.append(source, open, source.length());
      return source.length();
    }
    String body = source.substring(open + 2, close);
    boolean left = body.startsWith("-");
    boolean right = body.endsWith("-") && body.length() > (left ? 1 : 0);
    StringBuilder newlinesBefore = new StringBuilder();
    if (left) {
      int keep = out.length();
      while (keep > 0 && Character.isWhitespace(out.charAt(keep - 1))) {
        keep--;
      }
      newlines(out.substring(keep), newlinesBefore);
      out.setLength(keep);
    }
    int after = close + 2;
    StringBuilder newlinesAfter = new StringBuilder();
    if (right) {
      int end = after;
      while (end < source.length() && Character.isWhitespace(source.charAt(end))) {
        end++;
      }
      newlines(source.substring(after, end), newlinesAfter);
      after = end;
    }
    String inner = body.substring(left ? 1 : 0, body.length() - (right ? 1 : 0));
    // A dash left at either end would read as whitespace control again.
    inner = (inner.startsWith("-") ? " " : "") + inner + (inner.endsWith("-") ? " " : "");
    out.append("{#").append(newlinesBefore).append(inner).append(newlinesAfter).append("#}");
    return after;
  }

  private static void newlines(String whitespace, StringBuilder into) {
    whitespace.chars().filter(c -> c == '\n').forEach(c -> into.append('\n'));
  }
}
