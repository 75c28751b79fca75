package io.processflow.runtime.internal.template;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalField;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Python's {@code strftime}/{@code strptime} directives translated to {@link DateTimeFormatter}s,
 * so {@code macros.ds_format} and {@code logical_date.strftime} take Airflow users' formats. Names
 * are English (Python's C locale); every date is UTC.
 */
final class PyDateFormat {
  private PyDateFormat() {}

  /** Formats {@code time} (UTC) with Python's {@code format}. */
  static String format(LocalDateTime time, String format) {
    return format(time, ZoneOffset.UTC, () -> "UTC", format);
  }

  /**
   * Formats the wall-clock {@code time} of a zone now {@code offset} from UTC ({@code %z}) whose
   * abbreviation ({@code %Z}) is {@code abbreviation}'s.
   */
  static String format(
      LocalDateTime time, ZoneOffset offset, Supplier<String> abbreviation, String format) {
    String expanded = expand(format, time);
    if (expanded.contains("%Z") || expanded.contains("%z")) {
      expanded = withZone(expanded, abbreviation, offset);
    }
    return formatter(expanded).format(time.atOffset(offset));
  }

  /**
   * {@code format} with each {@code %Z} written as {@code abbreviation} and each {@code %z} as
   * Python writes the offset ({@code +0530}, {@code -004430} with its seconds); {@code %%} kept.
   */
  private static String withZone(String format, Supplier<String> abbreviation, ZoneOffset offset) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length()) {
        char d = format.charAt(++i);
        if (d == 'Z') {
          out.append(abbreviation.get().replace("%", "%%"));
        } else if (d == 'z') {
          out.append(pythonOffset(offset, ""));
        } else {
          out.append(c).append(d);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code format} with the C library's shorthand directives spelled out ({@code %D} is {@code
   * %m/%d/%y}, {@code %T}, {@code %R}, {@code %r}, {@code %c}, {@code %x}, {@code %X}, {@code %F},
   * {@code %h}; Python's {@code strptime} reads none of them) and the directives no formatter field
   * gives written as {@code time}'s text: {@code %s} (seconds since the epoch), {@code %e}, {@code
   * %k}, {@code %l} (padded with a space), {@code %U}, {@code %W} (weeks from the first Sunday,
   * Monday), {@code %w}, {@code %C}, {@code %g}, {@code %P}, {@code %n}, {@code %t}.
   */
  private static String expand(String format, LocalDateTime time) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      int start = i;
      char d = format.charAt(++i);
      boolean noPad = d == '-' && i + 1 < format.length();
      if (noPad) {
        d = format.charAt(++i);
      }
      String shorthand = shorthand(d);
      String text = computed(time, d, noPad);
      if (shorthand != null) {
        out.append(expand(shorthand, time));
      } else if (text != null) {
        out.append(text);
      } else {
        out.append(format, start, i + 1);
      }
    }
    return out.toString();
  }

  private static String shorthand(char directive) {
    return switch (directive) {
      case 'D', 'x' -> "%m/%d/%y";
      case 'T', 'X' -> "%H:%M:%S";
      case 'R' -> "%H:%M";
      case 'r' -> "%I:%M:%S %p";
      case 'c' -> "%a %b %e %H:%M:%S %Y";
      case 'F' -> "%Y-%m-%d";
      case 'h' -> "%b";
      default -> null;
    };
  }

  private static String computed(LocalDateTime time, char directive, boolean noPad) {
    int yearDay = time.getDayOfYear() - 1;
    int sundayBased = time.getDayOfWeek().getValue() % 7;
    int hour12 = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
    return switch (directive) {
      case 's' -> Long.toString(time.toEpochSecond(ZoneOffset.UTC));
      case 'Y' -> Integer.toString(time.getYear()); // glibc: no padding (year 999 is 999)
      case 'e' -> padded(time.getDayOfMonth(), ' ', noPad);
      case 'k' -> padded(time.getHour(), ' ', noPad);
      case 'l' -> padded(hour12, ' ', noPad);
      case 'U' -> padded((yearDay + 7 - sundayBased) / 7, '0', noPad);
      case 'W' -> padded((yearDay + 7 - (sundayBased + 6) % 7) / 7, '0', noPad);
      case 'w' -> Integer.toString(sundayBased);
      case 'C' -> Integer.toString(time.getYear() / 100); // as %Y, glibc pads neither
      case 'g' -> padded(time.get(IsoFields.WEEK_BASED_YEAR) % 100, '0', noPad);
      case 'P' -> time.getHour() < 12 ? "am" : "pm";
      case 'n' -> "\n";
      case 't' -> "\t";
      default -> null;
    };
  }

  private static String padded(int value, char pad, boolean noPad) {
    return noPad || value > 9 ? Integer.toString(value) : pad + Integer.toString(value);
  }

  /**
   * Formats a naive {@code time}, which has no zone: {@code %z} and {@code %Z} give nothing, as in
   * Python ({@code macros.ds_format}, {@code macros.datetime(...).strftime}).
   */
  static String formatNaive(LocalDateTime time, String format) {
    StringBuilder withoutZone = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length()) {
        char d = format.charAt(++i);
        if (d != 'z' && d != 'Z') {
          withoutZone.append(c).append(d);
        }
      } else {
        withoutZone.append(c);
      }
    }
    return format(time, withoutZone.toString());
  }

  /** Parses {@code text} with Python's {@code format}; missing time fields are 0. */
  static LocalDateTime parse(String text, String format) {
    try {
      TemporalAccessor parsed = formatter(format).parse(text);
      return LocalDateTime.of(
          parsed.get(ChronoField.YEAR),
          parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? parsed.get(ChronoField.MONTH_OF_YEAR) : 1,
          parsed.isSupported(ChronoField.DAY_OF_MONTH) ? parsed.get(ChronoField.DAY_OF_MONTH) : 1,
          parsed.isSupported(ChronoField.HOUR_OF_DAY) ? parsed.get(ChronoField.HOUR_OF_DAY) : 0,
          parsed.isSupported(ChronoField.MINUTE_OF_HOUR)
              ? parsed.get(ChronoField.MINUTE_OF_HOUR)
              : 0,
          parsed.isSupported(ChronoField.SECOND_OF_MINUTE)
              ? parsed.get(ChronoField.SECOND_OF_MINUTE)
              : 0,
          parsed.isSupported(ChronoField.NANO_OF_SECOND)
              ? parsed.get(ChronoField.NANO_OF_SECOND)
              : 0);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' does not match the date format '" + format + "'", e);
    }
  }

  static DateTimeFormatter formatter(String format) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        literal.append(c);
        continue;
      }
      char d = format.charAt(++i);
      boolean noPad = false;
      if (d == '-' && i + 1 < format.length()) {
        noPad = true;
        d = format.charAt(++i);
      }
      TemporalField field = field(d);
      if (field != null) {
        if (literal.length() > 0) {
          builder.appendLiteral(literal.toString());
          literal.setLength(0);
        }
        int width = d == 'G' ? 4 : d == 'u' ? 1 : 2;
        if (noPad) {
          builder.appendValue(field);
        } else {
          builder.appendValue(field, width);
        }
        continue;
      }
      String pattern = pattern(d, noPad);
      if (pattern == null) {
        if (d == '%') {
          literal.append('%');
        } else if (d == 'Z') {
          literal.append("UTC");
        } else {
          throw new IllegalArgumentException(
              "Unsupported date directive '%"
                  + d
                  + "' in '"
                  + format
                  + "'; use one of C's strftime directives, such as %Y %m %d %H %M %S %f %s %z");
        }
        continue;
      }
      if (literal.length() > 0) {
        builder.appendLiteral(literal.toString());
        literal.setLength(0);
      }
      builder.appendPattern(pattern);
    }
    if (literal.length() > 0) {
      builder.appendLiteral(literal.toString());
    }
    return builder.toFormatter(Locale.ENGLISH);
  }

  /**
   * ISO week directives: {@code %G} week-based year, {@code %V} ISO week, {@code %u} weekday 1-7.
   */
  private static TemporalField field(char directive) {
    return switch (directive) {
      case 'G' -> IsoFields.WEEK_BASED_YEAR;
      case 'V' -> IsoFields.WEEK_OF_WEEK_BASED_YEAR;
      case 'u' -> ChronoField.DAY_OF_WEEK;
      default -> null;
    };
  }

  private static String pattern(char directive, boolean noPad) {
    return switch (directive) {
      case 'Y' -> "uuuu";
      case 'y' -> "uu";
      case 'm' -> noPad ? "M" : "MM";
      case 'd' -> noPad ? "d" : "dd";
      case 'H' -> noPad ? "H" : "HH";
      case 'I' -> noPad ? "h" : "hh";
      case 'M' -> noPad ? "m" : "mm";
      case 'S' -> noPad ? "s" : "ss";
      case 'f' -> "SSSSSS";
      case 'j' -> noPad ? "D" : "DDD";
      case 'b' -> "MMM";
      case 'B' -> "MMMM";
      case 'a' -> "EEE";
      case 'A' -> "EEEE";
      case 'p' -> "a";
      case 'z' -> "xx";
      default -> null;
    };
  }

  /** Python's UTC offset text: {@code +05:30}, with seconds only when there are some. */
  static String pythonOffset(ZoneOffset offset, String separator) {
    int total = offset.getTotalSeconds();
    int abs = Math.abs(total);
    String text =
        (total < 0 ? "-" : "+")
            + String.format(Locale.ROOT, "%02d", abs / 3600)
            + separator
            + String.format(Locale.ROOT, "%02d", abs / 60 % 60);
    return abs % 60 == 0 ? text : text + separator + String.format(Locale.ROOT, "%02d", abs % 60);
  }

  /** Python's {@code datetime(...)} fields as a date-time, with Python's errors. */
  static LocalDateTime localOf(
      long year, long month, long day, long hour, long minute, long second, long micros) {
    try {
      return LocalDateTime.of(
          Math.toIntExact(year),
          Math.toIntExact(month),
          Math.toIntExact(day),
          Math.toIntExact(hour),
          Math.toIntExact(minute),
          Math.toIntExact(second),
          Math.toIntExact(Math.multiplyExact(micros, 1000)));
    } catch (DateTimeException e) {
      throw PyException.valueError(e.getMessage());
    } catch (ArithmeticException e) {
      throw new PyException("OverflowError", "Python int too large to convert to C int");
    }
  }
}
