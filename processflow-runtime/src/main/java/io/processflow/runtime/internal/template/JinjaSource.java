package io.processflow.runtime.internal.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template source as Jinja2's lexer reads it, rewritten where Jinjava's tokenizer would read it
 * otherwise, before Jinjava sees it; line numbers do not change:
 *
 * <ul>
 *   <li>comments: whitespace control on each side on its own ({@link JinjaComments});
 *   <li>expressions: one ends at a <code>}}</code> outside its strings and brackets ({@link
 *       ExpressionBraces});
 *   <li>statements: {@code +%}} is {@code %}} (it keeps the newline after a tag when {@code
 *       trim_blocks} is on, which Airflow leaves off);
 *   <li>{@code raw} blocks are passed over;
 * </ul>
 *
 * and refuses the statements that Jinja2's parser refuses and Jinjava's would take ({@link
 * TagStructure}).
 */
final class JinjaSource {
  private JinjaSource() {}

  // Jinja2's lexer: a raw block opens with %} or -%}, and closes with %}, -%} or +%}
  private static final Pattern RAW = Pattern.compile("\\{%[-+]?\\s*raw\\s*-?%}");
  private static final Pattern END_RAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");

  static String prepare(String source) {
    if (source.indexOf('{') < 0) {
      return source;
    }
    StringBuilder out = new StringBuilder(source.length() + 8);
    TagStructure tags = new TagStructure();
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
        i = JinjaComments.comment(source, open, out);
      } else if (kind == '{') {
        i = ExpressionBraces.expression(source, open, out);
      } else if (kind == '%') {
        i = statement(source, open, out, tags);
      } else {
        out.append('{');
        i = open + 1;
      }
    }
    return out.toString();
  }

  /**
   * A raw block with Jinja2's whitespace control, which Jinjava's raw tag lacks: {@code {%- raw}
   * strips the whitespace before the block, {@code raw -%}} the whitespace its text starts with,
   * {@code {%- endraw} the whitespace it ends with and {@code endraw -%}} the whitespace after the
   * block ({@code +} changes nothing, with Airflow's {@code trim_blocks} and {@code lstrip_blocks}
   * off). The stripped newlines go into a comment after the block, so line numbers do not change.
   */
  private static int rawBlock(
      String source, String openTag, int textStart, Matcher end, StringBuilder out) {
    String closeTag = end.group();
    String text = source.substring(textStart, end.start());
    StringBuilder stripped = new StringBuilder();
    if (openTag.startsWith("{%-")) {
      int keep = out.length();
      while (keep > 0 && Character.isWhitespace(out.charAt(keep - 1))) {
        keep--;
      }
      newlines(out.substring(keep), stripped);
      out.setLength(keep);
    }
    if (openTag.endsWith("-%}")) {
      String kept = text.stripLeading();
      newlines(text.substring(0, text.length() - kept.length()), stripped);
      text = kept;
    }
    if (closeTag.startsWith("{%-")) {
      String kept = text.stripTrailing();
      newlines(text.substring(kept.length()), stripped);
      text = kept;
    }
    int after = end.end();
    if (closeTag.endsWith("-%}")) {
      int skip = after;
      while (skip < source.length() && Character.isWhitespace(source.charAt(skip))) {
        skip++;
      }
      newlines(source.substring(after, skip), stripped);
      after = skip;
    }
    out.append("{% raw %}").append(text).append("{% endraw %}");
    if (!stripped.isEmpty()) {
      out.append("{#").append(stripped).append("#}");
    }
    return after;
  }

  private static void newlines(String whitespace, StringBuilder into) {
    whitespace.chars().filter(c -> c == '\n').forEach(c -> into.append('\n'));
  }

  /** The line (from 1) of index {@code at} of {@code source}. */
  static int lineOf(String source, int at) {
    int line = 1;
    for (int k = source.indexOf('\n'); k >= 0 && k < at; k = source.indexOf('\n', k + 1)) {
      line++;
    }
    return line;
  }

  /** Copies the statement, or raw block, at {@code open}; returns the index after it. */
  private static int statement(String source, int open, StringBuilder out, TagStructure tags) {
    Matcher raw = RAW.matcher(source).region(open, source.length());
    if (raw.lookingAt()) {
      Matcher end = END_RAW.matcher(source);
      if (!end.find(raw.end())) {
        out.append(source, open, source.length());
        return source.length();
      }
      return rawBlock(source, raw.group(), raw.end(), end, out);
    }
    int at = JinjaTags.TopLevel.outsideStrings(source, open + 2, i -> source.startsWith("%}", i));
    if (at < 0) {
      out.append(source, open, source.length());
      return source.length();
    }
    String text = source.substring(open + 2, at);
    if (text.matches("[-+]?\\s*raw\\s*\\+")) {
      throw new JinjaSemantics.SyntaxRefused(
          lineOf(source, open), "a raw block opens with {% raw %} or {% raw -%}, not +%}");
    }
    // The tag's text without its whitespace control: {%- if x -%} is checked as "if x"
    int from = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
    int to = Math.max(from, text.length() - (text.endsWith("-") || text.endsWith("+") ? 1 : 0));
    try {
      tags.visit(text.substring(from, to));
    } catch (JinjaSemantics.SyntaxRefused refused) { // its line counted only now, not per tag
      throw new JinjaSemantics.SyntaxRefused(lineOf(source, open), refused.getMessage());
    }
    boolean plus = at - 1 > open + 1 && source.charAt(at - 1) == '+';
    out.append(source, open, plus ? at - 1 : at).append("%}");
    return at + 2;
  }
}
