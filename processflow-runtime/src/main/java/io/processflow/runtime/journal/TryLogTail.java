package io.processflow.runtime.journal;

import java.nio.charset.StandardCharsets;

/** The end of a try's log that views show, with the line that says how much is left out. */
public final class TryLogTail {
  private TryLogTail() {}

  /** {@code tail}, the end of a log whose first {@code leftOut} bytes are not shown. */
  public static String shown(String tail, long leftOut) {
    return leftOut == 0 ? tail : "[... the first " + leftOut + " bytes are left out ...]\n" + tail;
  }

  /**
   * The last {@code maxBytes} of {@code text} (cut at a character), as {@link #shown} shows them.
   */
  public static String last(String text, int maxBytes) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return text;
    }
    int from = bytes.length - maxBytes;
    while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
      from++; // not inside a character
    }
    return shown(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8), from);
  }
}
