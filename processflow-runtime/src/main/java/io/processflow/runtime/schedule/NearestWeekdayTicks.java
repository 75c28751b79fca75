package io.processflow.runtime.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.SpecialChar;
import com.cronutils.model.time.ExecutionTime;
import io.processflow.api.internal.schedule.CronSyntax;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The ticks of a cron whose day of month is {@code nW}, the weekday nearest day {@code n}, as
 * croniter finds them: day {@code n}, or the month's last day in a month too short for it ({@code
 * 31W}: April 30th); a Saturday moves to the Friday before and a Sunday to the Monday after, unless
 * that leaves the month (the 1st, a Saturday, moves to Monday the 3rd; the last day, a Sunday, to
 * the Friday before). cron-utils computes day {@code n} of every month and stops with an invalid
 * date (February 30th) even for a month the cron does not have.
 *
 * <p>The cron's other fields (minute, hour, month; the day of week is {@code *}, see
 * CroniterFields) are matched by cron-utils, with every day of month; this keeps the ticks on each
 * month's one day.
 */
final class NearestWeekdayTicks {
  private final int day;
  private final ExecutionTime everyDay;

  private NearestWeekdayTicks(int day, ExecutionTime everyDay) {
    this.day = day;
    this.everyDay = everyDay;
  }

  /** The ticks of {@code cron} if its day of month is {@code nW}, else empty. */
  static Optional<NearestWeekdayTicks> of(Cron cron) {
    if (!(cron.retrieve(CronFieldName.DAY_OF_MONTH).getExpression() instanceof On on)
        || on.getSpecialChar().getValue() != SpecialChar.W) {
      return Optional.empty();
    }
    String[] fields = cron.asString().split(" ");
    fields[2] = "*";
    Cron everyDay = CronSyntax.parse(String.join(" ", fields));
    return Optional.of(
        new NearestWeekdayTicks(on.getTime().getValue(), ExecutionTime.forCron(everyDay)));
  }

  /** The first tick strictly after {@code at}, or the last strictly before it. */
  Optional<ZonedDateTime> tick(ZonedDateTime at, boolean forward) {
    ZonedDateTime from = at;
    for (int months = 0; months < 12 * 400; months++) {
      Optional<ZonedDateTime> candidate =
          forward ? everyDay.nextExecution(from) : everyDay.lastExecution(from);
      if (candidate.isEmpty()) {
        return candidate;
      }
      LocalDate date = candidate.get().toLocalDate();
      LocalDate target = dayIn(date);
      int order = date.compareTo(target);
      if (order == 0) {
        return candidate;
      }
      // On to the month's day, or past it to the next month; back likewise.
      LocalDate month = date.withDayOfMonth(1);
      ZonedDateTime bound =
          forward
              ? (order < 0 ? target : month.plusMonths(1)).atStartOfDay(from.getZone())
              : (order > 0 ? target.plusDays(1) : month).atStartOfDay(from.getZone());
      from = forward ? bound.minusNanos(1) : bound;
    }
    return Optional.empty();
  }

  /** The weekday nearest this cron's day in the month of {@code date}. */
  private LocalDate dayIn(LocalDate date) {
    int length = date.lengthOfMonth();
    LocalDate nearest = date.withDayOfMonth(Math.min(day, length));
    if (nearest.getDayOfWeek() == DayOfWeek.SATURDAY) {
      return nearest.getDayOfMonth() == 1 ? nearest.plusDays(2) : nearest.minusDays(1);
    }
    if (nearest.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return nearest.getDayOfMonth() == length ? nearest.minusDays(2) : nearest.plusDays(1);
    }
    return nearest;
  }
}
