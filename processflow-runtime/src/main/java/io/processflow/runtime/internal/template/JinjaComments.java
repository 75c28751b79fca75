package io.processflow.runtime.internal.template;

/**
 * Comments' whitespace control as Jinja2 applies it, before Jinjava reads the source: {@code {#-}
 * strips the whitespace before the comment and {@code -#}} the whitespace after it, each on its own
 * (Jinjava takes a leading {@code -} for both sides and ignores a trailing one). The comment stays,
 * without its dashes and holding the newlines stripped around it, so line numbers do not change. A
 * comment whose text starts with <code>}</code> ends at the first <code>#}</code> after its <code>
 * {#</code>, as in Jinja2 (Jinjava would end <code>{#}x#}</code> right away). Part of {@link
 * JinjaSource}.
 */
final class JinjaComments {
  private JinjaComments() {}

  /** Writes the comment at {@code open} with its whitespace control applied; returns its end. */
  static int comment(String source, int open, StringBuilder out) {
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
    out.append("{#")
        .append(newlinesBefore)
        .append(inner.startsWith("}") ? " " : "")
        .append(inner)
        .append(newlinesAfter)
        .append("#}");
    return after;
  }

  private static void newlines(String whitespace, StringBuilder into) {
    whitespace.chars().filter(c -> c == '\n').forEach(c -> into.append('\n'));
  }
}
