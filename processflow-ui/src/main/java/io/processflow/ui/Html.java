package io.processflow.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one way text reaches a page: {@link #text} escapes everything that comes from journals,
 * params, logs and URLs, for element content and quoted attribute values alike, and {@link #path}
 * percent-encodes ids into URL path segments.
 */
final class Html {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Html() {}

  /** {@code s} escaped for HTML text and double- or single-quoted attributes; "" for null. */
  static String text(Object s) {
    if (s == null) {
      return "";
    }
    String in = s.toString();
    StringBuilder out = null;
    for (int i = 0, n = in.length(); i < n; i++) {
      char c = in.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            case '\0' -> "\uFFFD";
            default -> null;
          };
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(in, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? in : out.toString();
  }

  /** A site path made of {@code segments}, each percent-encoded (a {@code /} in an id included). */
  static String path(Object... segments) {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      out.append('/')
          .append(
              URLEncoder.encode(String.valueOf(segment), StandardCharsets.UTF_8)
                  .replace("+", "%20"));
    }
    return out.toString();
  }

  /** An instant as UTC date and time to the second, or "" for null. */
  static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** A duration as Airflow shows it, such as {@code 0:00:01.250}; "" for null. */
  static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long ms = d.toMillis();
    return String.format(
        "%d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }
}
