package io.processflow.runtime.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.date.PyishDate;
import java.time.Instant;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The filters Airflow adds ({@code ds}, {@code ts}, ... as Airflow's FILTERS) and {@code
 * shell_quote}.
 */
public final class AirflowFilters {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private AirflowFilters() {}

  public static List<Filter> all() {
    return List.of(
        new ShellQuote(),
        new DateFilter("ds", AirflowDates::ds),
        new DateFilter("ds_nodash", AirflowDates::dsNodash),
        new DateFilter("ts", AirflowDates::ts),
        new DateFilter("ts_nodash", AirflowDates::tsNodash),
        new DateFilter("ts_nodash_with_tz", AirflowDates::tsNodashWithTz));
  }

  /**
   * Python's {@code shlex.quote}: safe words pass unchanged, anything else is single-quoted with
   * inner quotes escaped, so the shell sees exactly one word. A list becomes quoted words joined by
   * spaces.
   */
  public static String shellQuote(Object value) {
    if (value instanceof Iterable<?> items) {
      StringBuilder words = new StringBuilder();
      for (Object item : items) {
        if (words.length() > 0) {
          words.append(' ');
        }
        words.append(shellQuote(item));
      }
      return words.toString();
    }
    String s = value == null ? "" : value.toString();
    if (s.isEmpty()) {
      return "''";
    }
    if (SHELL_SAFE.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  private static final class ShellQuote implements Filter {
    @Override
    public String getName() {
      return "shell_quote";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return shellQuote(var);
    }
  }

  private static final class DateFilter implements Filter {
    private final String name;
    private final Function<Instant, String> format;

    DateFilter(String name, Function<Instant, String> format) {
      this.name = name;
      this.format = format;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      if (var == null || var == PyNone.NONE) {
        return PyNone.NONE; // Airflow's filters: if value is None: return None
      }
      if (var instanceof PyStrftime value) {
        // Airflow's filters call the value's own strftime()/isoformat(): a date-time in another
        // zone (in_timezone) gives its local date and time, a naive one no offset, a date or a
        // time its own forms (a time's strftime() is on 1900-01-01).
        return switch (name) {
          case "ds" -> value.strftime("%Y-%m-%d");
          case "ds_nodash" -> value.strftime("%Y%m%d");
          case "ts" -> value.isoformat();
          case "ts_nodash" -> value.strftime("%Y%m%dT%H%M%S");
          default -> value.isoformat().replace("-", "").replace(":", "");
        };
      }
      return format.apply(instantOf(var, name));
    }
  }

  private static Instant instantOf(Object value, String filter) {
    if (value instanceof PyishDate date) {
      return date.toDateTime().toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof TemporalAccessor temporal
        && temporal.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(temporal);
    }
    throw new IllegalArgumentException(
        "The "
            + filter
            + " filter needs a date-time such as logical_date, a date or a time; got "
            + (value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'"));
  }
}
