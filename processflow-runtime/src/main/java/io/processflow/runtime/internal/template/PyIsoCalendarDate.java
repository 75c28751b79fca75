package io.processflow.runtime.internal.template;

/**
 * Python's {@code datetime.IsoCalendarDate}, what {@code isocalendar()} returns: a tuple (ISO year,
 * week, weekday) with those names as attributes, printed by its repr, {@code
 * datetime.IsoCalendarDate(year=2024, week=5, weekday=3)}.
 */
public final class PyIsoCalendarDate extends PyTuple {
  PyIsoCalendarDate(long year, long week, long weekday) {
    super(java.util.List.of(year, week, weekday));
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
