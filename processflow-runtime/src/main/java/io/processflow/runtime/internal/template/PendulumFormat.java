package io.processflow.runtime.internal.template;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pendulum 3's {@code DateTime.format(fmt)} in its default English locale ({@code
 * pendulum/formatting/formatter.py}): {@code YYYY-MM-DD HH:mm:ss}, {@code [escaped text]}, {@code
 * \x}. The tokens pendulum reads are found with the same alternatives, longest first, so the text
 * around them splits as in pendulum; a token pendulum 3 has no rule for (week numbers {@code w},
 * {@code W}, {@code gg}, {@code GG}, {@code k}, {@code e}, ...), which it writes as the token's own
 * letters, fails here instead, so a mistyped format stops the task.
 */
final class PendulumFormat {
  private static final Pattern TOKENS =
      Pattern.compile(
          "\\[([^\\[]*)\\]|\\\\(.)|("
              + "Mo|MM?M?M?"
              + "|Do|DDDo|DD?D?D?|ddd?d?|do?|eo?"
              + "|E{1,4}"
              + "|w[o|w]?|W[o|W]?|Qo?"
              + "|YYYY|YY|Y"
              + "|gg(ggg?)?|GG(GGG?)?"
              + "|a|A"
              + "|hh?|HH?|kk?"
              + "|mm?|ss?|S{1,9}"
              + "|x|X"
              + "|zz?|ZZ?"
              + "|LTS|LT|LL?L?L?"
              + ")",
          0);

  private PendulumFormat() {}

  static String format(AirflowDateTime dt, String format) {
    Matcher m = TOKENS.matcher(format);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(format, last, m.start());
      if (m.group(1) != null && !m.group(1).isEmpty()) {
        out.append(m.group(1));
      } else if (m.group(2) != null && !m.group(2).isEmpty()) {
        out.append(m.group(2));
      } else {
        // pendulum writes nothing for an empty escape ('[]'), as re.sub does for None.
        if (m.group(3) != null) {
          out.append(token(dt, m.group(3), format));
        }
      }
      last = m.end();
    }
    return out.append(format, last, format.length()).toString();
  }

  private static String token(AirflowDateTime dt, String token, String format) {
    LocalDateTime t = dt.local();
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    int micros = dt.getMicrosecond();
    return switch (token) {
      case "YYYY", "Y" -> Integer.toString(t.getYear());
      case "YY" ->
          Integer.toString(t.getYear())
              .substring(Math.min(2, Integer.toString(t.getYear()).length()));
      case "Q" -> Integer.toString(dt.getQuarter());
      case "MMMM" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "MMM" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "MM" -> two(t.getMonthValue());
      case "M" -> Integer.toString(t.getMonthValue());
      case "DDDD" -> String.format(Locale.ROOT, "%03d", t.getDayOfYear());
      case "DDD" -> Integer.toString(t.getDayOfYear());
      case "DD" -> two(t.getDayOfMonth());
      case "D" -> Integer.toString(t.getDayOfMonth());
      case "Do" -> ordinal(t.getDayOfMonth());
      case "dddd" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "ddd" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "dd" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH).substring(0, 2);
      case "d" -> Integer.toString(t.getDayOfWeek().getValue() % 7);
      case "E" -> Integer.toString(t.getDayOfWeek().getValue());
      case "HH" -> two(t.getHour());
      case "H" -> Integer.toString(t.getHour());
      case "hh" -> two(hour12);
      case "h" -> Integer.toString(hour12);
      case "mm" -> two(t.getMinute());
      case "m" -> Integer.toString(t.getMinute());
      case "ss" -> two(t.getSecond());
      case "s" -> Integer.toString(t.getSecond());
      case "S" -> Integer.toString(micros / 100000);
      case "SS" -> String.format(Locale.ROOT, "%02d", micros / 10000);
      case "SSS" -> String.format(Locale.ROOT, "%03d", micros / 1000);
      case "SSSS" -> String.format(Locale.ROOT, "%04d", micros / 100);
      case "SSSSS" -> String.format(Locale.ROOT, "%05d", micros / 10);
      case "SSSSSS" -> String.format(Locale.ROOT, "%06d", micros);
      case "X" -> Long.toString(dt.getIntTimestamp());
      case "x" -> Long.toString(dt.getIntTimestamp() * 1000 + micros / 1000);
      case "A" -> t.getHour() >= 12 ? "PM" : "AM";
      // pendulum 3 lists 'a' for parsing only: format() writes the letter itself.
      case "a" -> "a";
      case "Mo" -> ordinal(t.getMonthValue());
      case "Qo" -> ordinal(dt.getQuarter());
      case "DDDo" -> ordinal(t.getDayOfYear());
      case "wo" -> ordinal(dt.getWeekOfYear());
      case "do" -> ordinal(t.getDayOfWeek().getValue() % 7);
      case "Z" -> offset(dt, ":");
      case "ZZ" -> offset(dt, "");
      case "z" -> dt.isNaive() ? "" : (String) dt.getTimezoneName();
      case "zz" -> dt.abbreviation();
      case "LTS" -> format(dt, "h:mm:ss A");
      case "LT" -> format(dt, "h:mm A");
      case "L" -> format(dt, "MM/DD/YYYY");
      case "LL" -> format(dt, "MMMM D, YYYY");
      case "LLL" -> format(dt, "MMMM D, YYYY h:mm A");
      case "LLLL" -> format(dt, "dddd, MMMM D, YYYY h:mm A");
      default ->
          throw PyException.valueError(
              "format() token '"
                  + token
                  + "' in '"
                  + format
                  + "' is not supported; use YYYY MM DD HH mm ss (see pendulum's tokens), or"
                  + " write text in [brackets]");
    };
  }

  /** pendulum's {@code Z} ({@code +01:00}) and {@code ZZ} ({@code +0100}): whole minutes. */
  private static String offset(AirflowDateTime dt, String separator) {
    if (dt.isNaive()) {
      return "";
    }
    int minutes = dt.zoneOffset().getTotalSeconds() / 60;
    int abs = Math.abs(minutes);
    return (minutes >= 0 ? "+" : "-") + two(abs / 60) + separator + two(abs % 60);
  }

  private static String two(int value) {
    return String.format(Locale.ROOT, "%02d", value);
  }

  /** English ordinals, as pendulum's locale: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
  private static String ordinal(int n) {
    int tens = n % 100;
    String suffix =
        tens >= 11 && tens <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }
}
