package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.el.ext.ExtendedScanner;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinjava's scanner with Jinja2's literals and names:
 *
 * <ul>
 *   <li>a word after a dot is always a name ({@code params.not}), and JUEL's words ({@code lt},
 *       {@code eq}, {@code div}, {@code mod}, {@code empty}, {@code null}) are names anywhere;
 *   <li>JUEL's operators {@code &&}, {@code ||}, {@code !} and {@code ?:} fail, as in Jinja2;
 *   <li>adjacent string literals are one string ({@code 'a' 'b'} is {@code 'ab'});
 *   <li>{@code x.0} reads item 0 of {@code x}, as in Jinja2 (not {@code x} and the float .0);
 *   <li>numbers as Jinja2's lexer reads them: {@code 0x1F}, {@code 0o17}, {@code 0b101}, {@code
 *       1_000}, {@code 1_000.5}, {@code 1e3}; a leading zero ({@code 017}) ends the number;
 *   <li>strings decoded as Jinja2 decodes them (Python's {@code unicode_escape}): <code>&#92;u00e9
 *       </code>, {@code \U0001F600}, {@code \x41}, octal {@code \101}, {@code \N{BULLET}}, {@code
 *       \a}, {@code \v}; an unknown escape such as {@code \d} stays as written.
 * </ul>
 */
final class PythonScanner extends ExtendedScanner {
  // Jinja2's lexer (float_re, integer_re); a float is tried first.
  private static final Pattern FLOAT =
      Pattern.compile("(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?[eE][+-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)");
  private static final Pattern INTEGER =
      Pattern.compile("0[bB](_?[01])+|0[oO](_?[0-7])+|0[xX](_?[0-9a-fA-F])+|[1-9](_?\\d)*|0(_?0)*");

  PythonScanner(String input) {
    super(input);
  }

  /** JUEL's word operators and literals, which Jinja2 does not have: names there ({@code lt}). */
  private static final Set<String> JUEL_WORDS =
      Set.of("eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "empty", "instanceof", "null");

  @Override
  protected Token keyword(String s) {
    Token previous = getToken();
    if (previous != null && previous.getSymbol() == Symbol.DOT || JUEL_WORDS.contains(s)) {
      return null;
    }
    return super.keyword(s);
  }

  /** JUEL's {@code &&}, {@code ||}, {@code !} and {@code ? :}, which Jinja2 does not have. */
  @Override
  protected Token nextEval() throws ScanException {
    String input = getInput();
    int at = getPosition();
    char c = input.charAt(at);
    char after = at + 1 < input.length() ? input.charAt(at + 1) : 0;
    if (c == '.' && Character.isDigit(after) && endsValue(getToken())) {
      return fixed(Symbol.DOT); // x.0 is x[0] in Jinja2, not x followed by the float .0
    }
    if (c == '&' && after == '&'
        || c == '|' && after == '|'
        || c == '!' && after != '='
        || c == '?') {
      throw new ScanException(
          at,
          "unexpected char '" + c + "'",
          c == '?' ? "x if c else y" : c == '!' ? "not" : c == '&' ? "and" : "or");
    }
    return super.nextEval();
  }

  /** Whether a value ends at {@code token}, so that a dot after it reads an attribute. */
  private static boolean endsValue(Token token) {
    return token != null
        && (token.getSymbol() == Symbol.IDENTIFIER
            || token.getSymbol() == Symbol.RPAREN
            || token.getSymbol() == Symbol.RBRACK
            || token.getSymbol() == Symbol.STRING);
  }

  @Override
  protected Token nextNumber() throws ScanException {
    String input = getInput();
    int at = getPosition();
    Token previous = getToken();
    if (previous != null && previous.getSymbol() == Symbol.DOT) {
      int end = at;
      while (end < input.length() && Character.isDigit(input.charAt(end))) {
        end++;
      }
      // the index after x. (see nextEval): a name of digits, which attributes read as an index
      return token(Symbol.IDENTIFIER, input.substring(at, end), end - at);
    }
    if (input.charAt(at) == '.') { // .5: Jinja2's lexer has no number starting with a point
      throw new ScanException(at, "unexpected '.'", "a number such as 0.5");
    }
    Matcher number = FLOAT.matcher(input).region(at, input.length());
    if (number.lookingAt()) {
      return token(Symbol.FLOAT, number.group().replace("_", ""), number.end() - at);
    }
    number = INTEGER.matcher(input).region(at, input.length());
    if (!number.lookingAt()) {
      return super.nextNumber();
    }
    String digits = number.group().replace("_", "");
    int radix = 10;
    if (digits.length() > 1 && Character.isLetter(digits.charAt(1))) {
      radix =
          switch (Character.toLowerCase(digits.charAt(1))) {
            case 'x' -> 16;
            case 'o' -> 8;
            default -> 2;
          };
      digits = new BigInteger(digits.substring(2), radix).toString();
    }
    return token(Symbol.INTEGER, digits, number.end() - at);
  }

  @Override
  protected Token nextString() throws ScanException {
    String input = getInput();
    int start = getPosition();
    char quote = input.charAt(start);
    StringBuilder text = new StringBuilder();
    int i = start + 1;
    while (i < input.length()) {
      char c = input.charAt(i++);
      if (c == quote) {
        // Adjacent literals are one string, as in Python: 'SELECT * ' 'FROM t'
        int next = i;
        while (next < input.length() && Character.isWhitespace(input.charAt(next))) {
          next++;
        }
        if (next < input.length() && (input.charAt(next) == '\'' || input.charAt(next) == '"')) {
          quote = input.charAt(next);
          i = next + 1;
          continue;
        }
        return token(Symbol.STRING, text.toString(), i - start);
      }
      if (c != '\\') {
        text.append(c);
        continue;
      }
      if (i == input.length()) {
        break;
      }
      i = escape(input, i, text);
    }
    throw new ScanException(start, "unterminated string", String.valueOf(quote));
  }

  /**
   * Decodes the escape whose letter is at {@code at} into {@code text}; returns the index after it.
   */
  private int escape(String input, int at, StringBuilder text) throws ScanException {
    char c = input.charAt(at);
    switch (c) {
      case '\n' -> {
        return at + 1;
      }
      case '\\', '\'', '"' -> text.append(c);
      case 'a' -> text.append('\u0007');
      case 'b' -> text.append('\b');
      case 'f' -> text.append('\f');
      case 'n' -> text.append('\n');
      case 'r' -> text.append('\r');
      case 't' -> text.append('\t');
      case 'v' -> text.append('\u000b');
      case 'x' -> {
        return hex(input, at, 2, text);
      }
      case 'u' -> {
        return hex(input, at, 4, text);
      }
      case 'U' -> {
        return hex(input, at, 8, text);
      }
      case 'N' -> {
        int close = input.indexOf('}', at);
        if (at + 1 >= input.length() || input.charAt(at + 1) != '{' || close < 0) {
          throw new ScanException(at, "malformed \\N character escape", "\\N{NAME}");
        }
        try {
          text.appendCodePoint(Character.codePointOf(input.substring(at + 2, close)));
        } catch (IllegalArgumentException e) {
          throw new ScanException(at, "unknown Unicode character name", "\\N{NAME}");
        }
        return close + 1;
      }
      default -> {
        if (c >= '0' && c <= '7') {
          int end = at;
          while (end < input.length()
              && end < at + 3
              && input.charAt(end) >= '0'
              && input.charAt(end) <= '7') {
            end++;
          }
          text.appendCodePoint(Integer.parseInt(input.substring(at, end), 8));
          return end;
        }
        text.append('\\').append(c);
      }
    }
    return at + 1;
  }

  /**
   * {@code \xhh}, <code>&#92;uhhhh</code>, {@code \Uhhhhhhhh}: exactly {@code digits} hex digits.
   */
  private static int hex(String input, int at, int digits, StringBuilder text)
      throws ScanException {
    int end = at + 1 + digits;
    String hex = end <= input.length() ? input.substring(at + 1, end) : "";
    if (!hex.matches("[0-9a-fA-F]{" + digits + "}")) {
      throw new ScanException(
          at, "truncated \\" + input.charAt(at) + " escape", digits + " hex digits");
    }
    int codePoint = Integer.parseUnsignedInt(hex, 16);
    if (!Character.isValidCodePoint(codePoint)) {
      throw new ScanException(at, "illegal Unicode character", "at most \\U0010ffff");
    }
    text.appendCodePoint(codePoint);
    return end;
  }
}
