package io.processflow.runtime.cli;

/**
 * Text from a journal or a user, made safe to print on a terminal: control characters (newline,
 * carriage return, ESC, NUL, DEL, the C1 range), and the characters that reorder or hide text
 * (bidirectional overrides and isolates, line and paragraph separators) are shown as Python shows
 * them in a repr, {@code \n}, {@code \x1b}, {@code \u202e}; a backslash is doubled so that the
 * escapes cannot be forged. Anything else prints as it is.
 */
final class TerminalText {
  private TerminalText() {}

  static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escape(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '\\':
        return "\\\\";
      default:
        break;
    }
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return String.format("\\x%02x", (int) c);
    }
    if ((c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C'
        || c == '\u2028'
        || c == '\u2029') {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }
}
