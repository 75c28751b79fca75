package io.processflow.runtime.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import io.processflow.api.internal.schedule.CronSyntax;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ticks of a cron expression in a time zone, with Airflow's DST rules ({@code
 * timetables/_cron.py}, ADR 0003). The cron is evaluated on the naive local wall-clock time;
 * cron-utils only matches fields, on a zone without DST (UTC stands in for "naive"). Then:
 *
 * <ul>
 *   <li>hour field not {@code *}: the naive tick is made aware as pendulum does with {@code
 *       fold=1}: a repeated local time is its second occurrence, a skipped one moves forward by the
 *       gap (02:30 becomes 03:30);
 *   <li>hour field {@code *} ({@code _covers_every_hour}): the next tick is the current instant
 *       plus the naive distance between the two wall-clock times, in elapsed time, so that both
 *       copies of a repeated hour fire.
 * </ul>
 */
final class CronClock {
  private final String expression;
  private final ZoneId zone;

  /**
   * The ticks of one cron croniter's reading makes of the expression (see CronSyntax#parseAll): the
   * first after, or the last before, a wall-clock time.
   */
  @FunctionalInterface
  private interface Ticks {
    Optional<ZonedDateTime> tick(ZonedDateTime at, boolean forward);
  }

  private final List<Ticks> ticks = new ArrayList<>();

  private final boolean everyHour;

  CronClock(String expression, ZoneId zone) {
    this.expression = expression;
    this.zone = zone;
    List<Cron> crons = CronSyntax.parseAll(expression);
    for (Cron cron : crons) {
      ticks.add(ticksOf(cron));
    }
    this.everyHour = CronSyntax.coversEveryHour(crons.get(0)); // the same hours in each
  }

  private static Ticks ticksOf(Cron cron) {
    Optional<NearestWeekdayTicks> nearestWeekday = NearestWeekdayTicks.of(cron);
    if (nearestWeekday.isPresent()) {
      return nearestWeekday.get()::tick;
    }
    ExecutionTime e = ExecutionTime.forCron(cron);
    return (at, forward) -> forward ? e.nextExecution(at) : e.lastExecution(at);
  }

  String expression() {
    return expression;
  }

  ZoneId zone() {
    return zone;
  }

  /**
   * The first tick strictly after {@code current} (Airflow's {@code _get_next}). A wall-clock tick
   * that lands at or before {@code current} once made aware (a tick in a DST gap moved forward onto
   * {@code current}) is passed over, as Airflow's point-in-time guard does.
   */
  Instant next(Instant current) {
    LocalDateTime naive = naive(current);
    LocalDateTime scheduled = nextNaive(naive);
    if (everyHour) {
      return current.plus(Duration.between(naive, scheduled));
    }
    Instant tick = aware(scheduled);
    while (!tick.isAfter(current)) {
      scheduled = nextNaive(scheduled);
      tick = aware(scheduled);
    }
    return tick;
  }

  /**
   * The last tick strictly before {@code current} (Airflow's {@code _get_prev}), passing over a
   * wall-clock tick that lands at or after {@code current} once made aware (the second occurrence
   * of a repeated hour, or a gap tick moved forward onto {@code current}).
   */
  Instant prev(Instant current) {
    LocalDateTime naive = naive(current);
    LocalDateTime scheduled = prevNaive(naive);
    if (everyHour) {
      return current.minus(Duration.between(scheduled, naive));
    }
    Instant tick = aware(scheduled);
    while (!tick.isBefore(current)) {
      scheduled = prevNaive(scheduled);
      tick = aware(scheduled);
    }
    return tick;
  }

  private LocalDateTime nextNaive(LocalDateTime naive) {
    return tickNaive(naive, true);
  }

  private LocalDateTime prevNaive(LocalDateTime naive) {
    return tickNaive(naive, false);
  }

  /** The first wall-clock tick after (or the last before) {@code naive}, of any of the crons. */
  private LocalDateTime tickNaive(LocalDateTime naive, boolean forward) {
    LocalDateTime nearest = null;
    for (Ticks cron : ticks) {
      ZonedDateTime at = naive.atZone(ZoneOffset.UTC);
      Optional<ZonedDateTime> tick = cron.tick(at, forward);
      if (tick.isPresent()) {
        LocalDateTime local = tick.get().toLocalDateTime();
        if (nearest == null || (forward ? local.isBefore(nearest) : local.isAfter(nearest))) {
          nearest = local;
        }
      }
    }
    if (nearest == null) {
      throw new IllegalStateException(
          "cron '" + expression + "' has no tick " + (forward ? "after " : "before ") + naive);
    }
    return nearest;
  }

  /** {@code current} when it is a tick, else the next tick (Airflow's {@code _align_to_next}). */
  Instant alignToNext(Instant current) {
    Instant next = next(current);
    return prev(next).equals(current) ? current : next;
  }

  /**
   * {@code current} when it is a tick, else the previous tick (Airflow's {@code _align_to_prev}).
   */
  Instant alignToPrev(Instant current) {
    Instant prev = prev(current);
    return next(prev).equals(current) ? current : prev;
  }

  private LocalDateTime naive(Instant instant) {
    return LocalDateTime.ofInstant(instant, zone);
  }

  /** pendulum's {@code make_aware} with {@code fold=1}. */
  private Instant aware(LocalDateTime local) {
    return ZonedDateTime.of(local, zone).withLaterOffsetAtOverlap().toInstant();
  }
}
