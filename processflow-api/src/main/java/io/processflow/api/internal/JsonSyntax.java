package io.processflow.api.internal;

/**
 * Whether a text is one JSON value (RFC 8259), for checks that cannot use a JSON library: the
 * processor checks array and object param defaults with it at compile time. Internal: not for
 * direct use.
 */
public final class JsonSyntax {
  private final String text;
  private int at;

  private JsonSyntax(String text) {
    this.text = text;
  }

  /** True when {@code text} is exactly one JSON value, with optional whitespace around it. */
  public static boolean isValid(String text) {
    JsonSyntax parser = new JsonSyntax(text);
    try {
      parser.value(0);
      parser.space();
      return parser.at == text.length();
    } catch (IllegalStateException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  private void value(int depth) {
    if (depth > 512) {
      throw new IllegalStateException("too deep");
    }
    space();
    char c = text.charAt(at);
    switch (c) {
      case '{' -> {
        at++;
        space();
        if (peek('}')) {
          return;
        }
        do {
          space();
          string();
          space();
          expect(':');
          value(depth + 1);
          space();
        } while (peek(','));
        expect('}');
      }
      case '[' -> {
        at++;
        space();
        if (peek(']')) {
          return;
        }
        do {
          value(depth + 1);
          space();
        } while (peek(','));
        expect(']');
      }
      case '"' -> string();
      case 't' -> word("true");
      case 'f' -> word("false");
      case 'n' -> word("null");
      default -> number();
    }
  }

  private void string() {
    expect('"');
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        throw new IllegalStateException("control character in a string");
      }
      if (c == '\\') {
        char escaped = text.charAt(at++);
        if (escaped == 'u') {
          for (int k = 0; k < 4; k++) {
            if (Character.digit(text.charAt(at++), 16) < 0) {
              throw new IllegalStateException("bad \\u escape");
            }
          }
        } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
          throw new IllegalStateException("bad escape");
        }
      }
    }
  }

  private void number() {
    int start = at;
    peek('-');
    if (!peek('0')) {
      digits();
    }
    if (peek('.')) {
      digits();
    }
    if (peek('e') || peek('E')) {
      if (!peek('+')) {
        peek('-');
      }
      digits();
    }
    if (at == start) {
      throw new IllegalStateException("not a value");
    }
  }

  private void digits() {
    int start = at;
    while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
      at++;
    }
    if (at == start) {
      throw new IllegalStateException("digits expected");
    }
  }

  private void word(String word) {
    if (!text.startsWith(word, at)) {
      throw new IllegalStateException(word + " expected");
    }
    at += word.length();
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private boolean peek(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw new IllegalStateException("'" + c + "' expected");
    }
  }
}
