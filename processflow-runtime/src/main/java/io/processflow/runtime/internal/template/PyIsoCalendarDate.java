package io.processflow.runtime.internal.template;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * Python's {@code datetime.IsoCalendarDate}, what {@code isocalendar()} returns: a tuple (ISO year,
 * week, weekday) with those names as attributes, printed by its repr, {@code
 * datetime.IsoCalendarDate(year=2024, week=5, weekday=3)}.
 */
public final class PyIsoCalendarDate extends PyTuple {
  private PyIsoCalendarDate(long year, long week, long weekday) {
    super(List.of(year, week, weekday));
  }

  /** The ISO calendar date of {@code date}: its week-based year, week and weekday (1 to 7). */
  static PyIsoCalendarDate of(LocalDate date) {
    return new PyIsoCalendarDate(
        date.get(IsoFields.WEEK_BASED_YEAR),
        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
        date.getDayOfWeek().getValue());
  }

  public Object getYear() {
    return get(0);
  }

  public Object getWeek() {
    return get(1);
  }

  public Object getWeekday() {
    return get(2);
  }

  String repr() {
    return "datetime.IsoCalendarDate(year="
        + get(0)
        + ", week="
        + get(1)
        + ", weekday="
        + get(2)
        + ")";
  }
}
