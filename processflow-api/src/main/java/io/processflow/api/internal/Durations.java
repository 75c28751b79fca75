package io.processflow.api.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as DAG authors write them: ISO-8601 ({@code PT30S}, {@code P1D}) or a number with a
 * unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}). Shared by the processor
 * (checked at compile time) and the runtime. Internal: not for direct use.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** What {@link #parse} accepts, for error messages. */
  public static final String FORMATS =
      "ISO-8601 (PT30S, PT5M, P1D) or a number with ms, s, m, h or d (500ms, 30s, 5m, 2h, 1d)";

  private Durations() {}

  /** The duration {@code text} denotes, or empty when it is neither form or is negative. */
  public static Optional<Duration> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    Matcher m = SHORT.matcher(trimmed);
    try {
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        return Optional.of(
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "h" -> Duration.ofHours(amount);
              default -> Duration.ofDays(amount);
            });
      }
      Duration parsed = Duration.parse(trimmed);
      return parsed.isNegative() ? Optional.empty() : Optional.of(parsed);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Like {@link #tryParse}, throwing an exception that names {@code what} and the valid forms. */
  public static Duration parse(String what, String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    what + " '" + text + "' is not a duration; use " + FORMATS));
  }
}
