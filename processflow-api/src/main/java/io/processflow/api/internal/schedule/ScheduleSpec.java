package io.processflow.api.internal.schedule;

import com.cronutils.model.Cron;
import io.processflow.api.internal.graph.Suggestions;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A DAG's schedule attributes, checked and read: what {@code @Dag(schedule = ..., startDate = ...,
 * endDate = ..., catchup = ..., maxActiveRuns = ..., timezone = ...)} and the DSL's {@code
 * DagBuilder.schedule(...)} declare. {@link #check} lists every problem in words both the processor
 * and the DSL report; {@link #of} returns the spec or throws with them.
 *
 * @param schedule the schedule as written, empty for none
 * @param kind what the schedule is
 * @param cronExpression the cron expression (a preset replaced by its expression), or null
 * @param delta the duration of a {@link Kind#DELTA} schedule, or null
 * @param zone the time zone in which crons and naive dates are read
 * @param start the inclusive lower bound of logical dates, or null
 * @param end the inclusive upper bound of logical dates, or null
 * @param catchup Airflow's {@code catchup}
 * @param maxActiveRuns Airflow's {@code max_active_runs}
 */
public record ScheduleSpec(
    String schedule,
    Kind kind,
    String cronExpression,
    Duration delta,
    ZoneId zone,
    Instant start,
    Instant end,
    boolean catchup,
    int maxActiveRuns) {

  /** What a schedule is. */
  public enum Kind {
    /** No schedule: manual runs only (Airflow's {@code schedule=None}). */
    NONE,
    /** {@code @once}: one run, at the start date. */
    ONCE,
    /** A cron expression or a cron preset. */
    CRON,
    /** An ISO-8601 duration: Airflow's {@code timedelta} schedule. */
    DELTA
  }

  /** Airflow's default {@code max_active_runs_per_dag}. */
  public static final int DEFAULT_MAX_ACTIVE_RUNS = 16;

  /** The default time zone. */
  public static final String DEFAULT_TIMEZONE = "UTC";

  /** Airflow's cron presets (and croniter's {@code @midnight}, {@code @annually}), by name. */
  public static final Map<String, String> PRESETS = presets();

  /** What {@code startDate} and {@code endDate} accept, for error messages. */
  public static final String DATE_FORMATS =
      "ISO-8601: 2024-01-01 or 2024-01-01T06:00 (in the DAG's timezone), or 2024-01-01T06:00:00Z or"
          + " 2024-01-01T06:00:00+01:00";

  /** The spec of a DAG without schedule. */
  public static final ScheduleSpec NONE =
      new ScheduleSpec(
          "", Kind.NONE, null, null, ZoneId.of("UTC"), null, null, false, DEFAULT_MAX_ACTIVE_RUNS);

  public ScheduleSpec {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
  }

  private static Map<String, String> presets() {
    Map<String, String> presets = new LinkedHashMap<>();
    presets.put("@hourly", "0 * * * *");
    presets.put("@daily", "0 0 * * *");
    presets.put("@weekly", "0 0 * * 0");
    presets.put("@monthly", "0 0 1 * *");
    presets.put("@quarterly", "0 0 1 */3 *");
    presets.put("@yearly", "0 0 1 1 *");
    presets.put("@midnight", "0 0 * * *");
    presets.put("@annually", "0 0 1 1 *");
    return Collections.unmodifiableMap(presets);
  }

  /**
   * The names croniter itself knows, in any case (it lowercases an expression before reading it).
   */
  private static final Set<String> CRONITER_ALIASES =
      Set.of("@midnight", "@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually");

  /**
   * The expression of preset {@code name}, or null. As in Airflow: its own presets by their exact
   * names, then croniter's, which it reads in any case ({@code @DAILY}); so {@code @QUARTERLY},
   * Airflow's alone, is unknown, as it is there.
   */
  private static String preset(String name) {
    String cron = PRESETS.get(name);
    String lower = name.toLowerCase(Locale.ROOT);
    return cron == null && CRONITER_ALIASES.contains(lower) ? PRESETS.get(lower) : cron;
  }

  /** One attribute's problem, in the words both the processor and the DSL report. */
  public record Problem(String attribute, String message) {}

  /** Every problem of these attributes, in attribute order; empty when they are valid. */
  public static List<Problem> check(
      String schedule, String startDate, String endDate, String timezone, int maxActiveRuns) {
    List<Problem> problems = new ArrayList<>();
    read(schedule, startDate, endDate, timezone, false, maxActiveRuns, problems);
    return problems;
  }

  /**
   * The spec of these attributes.
   *
   * @throws IllegalArgumentException listing every problem, one per line
   */
  public static ScheduleSpec of(
      String schedule,
      String startDate,
      String endDate,
      String timezone,
      boolean catchup,
      int maxActiveRuns) {
    List<Problem> problems = new ArrayList<>();
    ScheduleSpec spec =
        read(schedule, startDate, endDate, timezone, catchup, maxActiveRuns, problems);
    if (!problems.isEmpty()) {
      List<String> messages = new ArrayList<>();
      for (Problem problem : problems) {
        messages.add(problem.message());
      }
      throw new IllegalArgumentException(String.join("\n", messages));
    }
    return spec;
  }

  private static ScheduleSpec read(
      String schedule,
      String startDate,
      String endDate,
      String timezone,
      boolean catchup,
      int maxActiveRuns,
      List<Problem> problems) {
    String text = schedule == null ? "" : schedule.trim();
    Kind kind = Kind.NONE;
    String cron = null;
    Duration delta = null;
    if (text.equals("@once")) {
      kind = Kind.ONCE;
    } else if (text.startsWith("@")) {
      cron = preset(text);
      kind = Kind.CRON;
      if (cron == null) {
        TreeSet<String> names = new TreeSet<>(PRESETS.keySet());
        names.add("@once");
        problems.add(
            new Problem(
                "schedule",
                "schedule \""
                    + text
                    + "\" is not a known preset"
                    + Suggestions.closest(text, names)
                        .map(s -> "; did you mean \"" + s + "\"?")
                        .orElse("")
                    + "; the presets are "
                    + String.join(", ", PRESETS.keySet())
                    + " and @once"));
      }
    } else if (text.startsWith("P") || text.startsWith("p")) {
      kind = Kind.DELTA;
      try {
        delta = Duration.parse(text);
        if (delta.isNegative() || delta.isZero()) {
          problems.add(
              new Problem(
                  "schedule",
                  "schedule \""
                      + text
                      + "\" is not a positive duration; the time between runs must be"
                      + " more than zero, such as PT6H"));
        }
      } catch (DateTimeParseException e) {
        problems.add(
            new Problem(
                "schedule",
                "schedule \""
                    + text
                    + "\" is not an ISO-8601 duration (such as PT6H, PT30M or P1D),"
                    + " a cron expression or a preset"));
      }
    } else if (!text.isEmpty()) {
      kind = Kind.CRON;
      cron = text;
    }
    if (cron != null) {
      try {
        CronSyntax.parse(cron);
      } catch (IllegalArgumentException e) {
        problems.add(
            new Problem(
                "schedule",
                "schedule \""
                    + text
                    + "\" is not a valid cron expression: "
                    + e.getMessage()
                    + "; use "
                    + CronSyntax.FORMAT
                    + ", a preset such as @daily, or an ISO-8601 duration"
                    + " such as PT6H"));
      }
    }

    String zoneText = timezone == null || timezone.isBlank() ? DEFAULT_TIMEZONE : timezone.trim();
    ZoneId zone = ZoneId.of("UTC");
    boolean zoneValid = true;
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      zoneValid = false;
      problems.add(
          new Problem(
              "timezone",
              "timezone \""
                  + zoneText
                  + "\" is not a known time zone"
                  + ZoneId.getAvailableZoneIds().stream()
                      .filter(known -> known.equalsIgnoreCase(zoneText))
                      .findFirst()
                      .or(() -> Suggestions.closest(zoneText, ZoneId.getAvailableZoneIds()))
                      .map(s -> "; did you mean \"" + s + "\"?")
                      .orElse("")
                  + "; use an IANA id such as \"UTC\", \"Europe/London\" or \"America/New_York\""));
    }
    Instant start = date("startDate", startDate, zone, zoneValid, problems);
    Instant end = date("endDate", endDate, zone, zoneValid, problems);
    if (start != null && end != null && end.isBefore(start)) {
      problems.add(
          new Problem(
              "endDate",
              "endDate \""
                  + endDate.trim()
                  + "\" is before startDate \""
                  + startDate.trim()
                  + "\"; the end must be at or after the start"));
    }
    if (maxActiveRuns < 1) {
      problems.add(
          new Problem(
              "maxActiveRuns",
              "maxActiveRuns = "
                  + maxActiveRuns
                  + " must be at least 1; leave it out for Airflow's"
                  + " default, "
                  + DEFAULT_MAX_ACTIVE_RUNS));
    }
    return new ScheduleSpec(text, kind, cron, delta, zone, start, end, catchup, maxActiveRuns);
  }

  /**
   * The instant {@code text} denotes in {@code zone}; null when empty or invalid (then a problem is
   * added).
   */
  private static Instant date(
      String attribute, String text, ZoneId zone, boolean zoneValid, List<Problem> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Optional<Instant> parsed = parseDate(text.trim(), zone);
    if (parsed.isEmpty()) {
      problems.add(
          new Problem(
              attribute,
              attribute + " \"" + text.trim() + "\" is not a date; use " + DATE_FORMATS));
      return null;
    }
    return zoneValid ? parsed.get() : null;
  }

  /**
   * {@code text} as an instant: a date or a date-time without offset is read in {@code zone} (a
   * local time in a DST gap moves forward, a repeated one is its second occurrence, as {@code
   * pendulum.datetime}'s default {@code fold=1} reads it); one with an offset or {@code Z} is that
   * instant.
   */
  public static Optional<Instant> parseDate(String text, ZoneId zone) {
    try {
      if (text.length() <= 10) {
        return Optional.of(
            LocalDate.parse(text).atStartOfDay(zone).withLaterOffsetAtOverlap().toInstant());
      }
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.of(
            ZonedDateTime.of(LocalDateTime.parse(text), zone)
                .withLaterOffsetAtOverlap()
                .toInstant());
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** True when runs are created by a schedule, false for manual runs only. */
  public boolean isScheduled() {
    return kind != Kind.NONE;
  }

  /** The parsed cron expression; only for {@link Kind#CRON}. */
  public Cron cron() {
    if (kind != Kind.CRON) {
      throw new IllegalStateException("schedule \"" + schedule + "\" is not a cron expression");
    }
    return CronSyntax.parse(cronExpression);
  }

  /** The schedule as {@code list} shows it: {@code None}, or the schedule and its time zone. */
  public String summary() {
    return kind == Kind.NONE
        ? "None"
        : schedule + (zone.getId().equals("UTC") ? "" : " (" + zone.getId() + ")");
  }
}
