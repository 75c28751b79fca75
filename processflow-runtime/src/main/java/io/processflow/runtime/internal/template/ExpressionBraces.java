package io.processflow.runtime.internal.template;

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
    out.append("{{");
    int depth = 0;
    char quote = 0;
    for (int i = open + 2; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (c == '\\' && i + 1 < source.length()) {
          out.append(source.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (depth == 0 && c == '}' && source.startsWith("}", i + 1)) {
        String body = source.substring(open + 2, i).replaceAll("^[-+]|-$", "");
        if (body.isBlank()) {
          throw new JinjaSemantics.SyntaxRefused(
              JinjaSource.lineOf(source, open), "expected an expression between {{ and }}");
        }
        out.append("}}");
        return i + 2;
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
        if (c == '}' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
          out.append("} ");
          continue;
        }
      }
      out.append(c);
    }
    return source.length();
  }
}
