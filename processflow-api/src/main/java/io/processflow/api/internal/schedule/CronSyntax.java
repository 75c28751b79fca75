package io.processflow.api.internal.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.value.IntegerFieldValue;
import com.cronutils.parser.CronParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cron expressions as croniter, Airflow's cron library, reads them: exactly 5 fields (minute, hour,
 * day of month, month, day of week), weekday 0-7 with 0 and 7 Sunday, names ({@code JAN}, {@code
 * MON}), {@code L} and {@code W} in the day of month, {@code L} and {@code #} in the day of week,
 * and a day that matches the day of month OR the day of week when both are restricted (Vixie cron).
 * cron-utils parses and matches; the time-zone rules are the runtime's.
 */
public final class CronSyntax {
  /**
   * croniter's reading, as a cron-utils definition. Without {@code ?} support cron-utils matches a
   * day on the day of month OR the day of week when both are restricted, as croniter does (with it,
   * AND); croniter's {@code ?}, which means {@code *}, is rewritten before parsing.
   */
  private static final CronDefinition DEFINITION =
      CronDefinitionBuilder.defineCron()
          .withMinutes()
          .withStrictRange()
          .and()
          .withHours()
          .withStrictRange()
          .and()
          .withDayOfMonth()
          .supportsL()
          .supportsW()
          .supportsLW()
          .withStrictRange()
          .and()
          .withMonth()
          .withStrictRange()
          .and()
          .withDayOfWeek()
          .withValidRange(0, 7)
          .withMondayDoWValue(1)
          .withIntMapping(7, 0)
          .supportsHash()
          .supportsL()
          .withStrictRange()
          .and()
          .instance();

  private static final CronParser PARSER = new CronParser(DEFINITION);

  /** What a cron expression looks like, for error messages. */
  public static final String FORMAT =
      "5 fields: minute hour day-of-month month day-of-week, such as \"30 6 * * 1-5\"";

  private CronSyntax() {}

  /**
   * Parses {@code expression}: its first cron (see {@link #parseAll}).
   *
   * @throws IllegalArgumentException with the parser's reason when it is not a valid 5-field cron
   */
  public static Cron parse(String expression) {
    return parseAll(expression).get(0);
  }

  /**
   * Parses {@code expression} as croniter reads it (see CroniterFields): one cron, or one per kind
   * of day-of-month item when the day of month mixes {@code L} or {@code W} with numbers ({@code
   * 1,L}); an instant is a tick when it is one of any of them.
   *
   * @throws IllegalArgumentException with the parser's reason when it is not a valid 5-field cron
   */
  public static List<Cron> parseAll(String expression) {
    String[] fields = expression.trim().split("\\s+");
    if (expression.isBlank() || fields.length != 5) {
      throw new IllegalArgumentException(
          "it has "
              + (expression.isBlank() ? 0 : fields.length)
              + " field"
              + (fields.length == 1 ? "" : "s")
              + (fields.length == 6 || fields.length == 7
                  ? " (croniter's seconds and year fields, which Airflow accepts, are not supported)"
                  : "")
              + "; a cron expression has "
              + FORMAT);
    }
    try {
      List<Cron> crons = new ArrayList<>();
      for (String rewritten : CroniterFields.rewrite(fields)) {
        crons.add(PARSER.parse(rewritten.replace('?', '*').toUpperCase(Locale.ROOT)).validate());
      }
      return crons;
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new IllegalArgumentException(
          reason.replace("Failed to parse '", "failed to parse '"), e);
    }
  }

  /**
   * True when the hour field matches every hour, as croniter normalises it ({@code *}, {@code
   * 0-23}, {@code *}{@code /1}): Airflow then steps in elapsed time across a DST change ({@code
   * _covers_every_hour}).
   */
  public static boolean coversEveryHour(Cron cron) {
    FieldExpression hours = cron.retrieve(CronFieldName.HOUR).getExpression();
    if (hours instanceof Always) {
      return true;
    }
    if (hours instanceof Every every) {
      return every.getPeriod().getValue() == 1 && coversAll(every.getExpression());
    }
    return coversAll(hours);
  }

  private static boolean coversAll(FieldExpression expression) {
    if (expression instanceof Always) {
      return true;
    }
    return expression instanceof Between between
        && between.getFrom() instanceof IntegerFieldValue from
        && between.getTo() instanceof IntegerFieldValue to
        && from.getValue() == 0
        && to.getValue() == 23;
  }
}
