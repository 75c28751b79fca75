package io.processflow.runtime.internal.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an expression ends, as Jinja2's lexer decides it: a <code>}}</code> closes <code>{{</code>
 * only outside strings and when every bracket the expression opened is closed, so {@code {{ {'a':
 * {'b': 1}} }}} prints a dict (Jinjava ends the expression at the first <code>}}</code> and fails).
 * Inside an expression, a <code>}</code> that closes a brace and is followed by another <code>}
 * </code> gets a space after it, which changes nothing in the expression and keeps Jinjava from
 * ending it there. (A statement ends at {@code %}}, which no expression inside it can hold outside
 * a string.) Part of {@link JinjaSource}.
 */
final class ExpressionBraces {
  private ExpressionBraces() {}

  /**
   * Copies the expression at {@code open} with its inner closing braces spaced; returns its end.
   */
  static int expression(String source, int open, StringBuilder out) {
    int[] depth = {0};
    List<Integer> spaced = new ArrayList<>();
    int end =
        JinjaTags.TopLevel.outsideStrings(
            source,
            open + 2,
            i -> {
              char c = source.charAt(i);
              boolean braceFollows = i + 1 < source.length() && source.charAt(i + 1) == '}';
              if (c == '(' || c == '[' || c == '{') {
                depth[0]++;
              } else if (c == '}' && braceFollows && depth[0] == 0) {
                return true;
              } else if (c == ')' || c == ']' || c == '}') {
                depth[0] = Math.max(0, depth[0] - 1);
                if (c == '}' && braceFollows) {
                  spaced.add(i);
                }
              }
              return false;
            });
    if (end >= 0 && source.substring(open + 2, end).replaceAll("^[-+]|-$", "").isBlank()) {
      throw new JinjaSemantics.SyntaxRefused(
          JinjaSource.lineOf(source, open), "expected an expression between {{ and }}");
    }
    int stop = end < 0 ? source.length() : end + 2; // unclosed: Jinjava reports it
    int from = open;
    for (int at : spaced) {
      out.append(source, from, at + 1).append(' ');
      from = at + 1;
    }
    out.append(source, from, stop);
    return stop;
  }
}
